import { Construct } from "constructs";
import { TerraformIterator } from "cdktf";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule, VpcSecurityGroupEgressRuleConfig } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { CONTAINER_PORTS } from "../../config/naming";

export interface SecurityGroupsProps {
  readonly name: string;
  readonly vpcId: string;
  /** Client networks allowed to reach the load balancer. */
  readonly allowedCidrs: string[];
  /** Client networks allowed to reach the SFTP endpoint on port 22 (none while SFTP is off). */
  readonly sftpAllowedCidrs: string[];
}

type RuleConfig = Omit<VpcSecurityGroupEgressRuleConfig, "ipProtocol">;

/**
 * Security groups as a chain: clients -> ALB (443, 80) -> RStudio 8787 / Shiny 3838 -> EFS 2049,
 * and for the data path: SFTP clients -> Transfer endpoint (22); DataSync -> EFS (2049); the sync
 * trigger function -> AWS APIs (443). Every rule is its own resource with a description; nothing is
 * open that the chains do not need.
 */
export class SecurityGroups extends Construct {
  readonly alb: SecurityGroup;
  readonly rstudio: SecurityGroup;
  readonly shiny: SecurityGroup;
  readonly efs: SecurityGroup;
  readonly sftp: SecurityGroup;
  readonly dataSync: SecurityGroup;
  readonly syncFunction: SecurityGroup;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const group = (name: string, description: string) =>
      new SecurityGroup(this, name, {
        // A prefix, not a name: create_before_destroy needs the replacement to have another name.
        namePrefix: `${props.name}-${name}-`,
        description,
        vpcId: props.vpcId,
        tags: { Name: `${props.name}-${name}` },
        lifecycle: { createBeforeDestroy: true },
      });
    this.alb = group("alb", "Load balancer: HTTPS and HTTP (redirect) from allowed clients");
    this.rstudio = group("rstudio", "RStudio tasks: from the load balancer only");
    this.shiny = group("shiny", "Shiny tasks: from the load balancer only");
    this.efs = group("efs", "EFS mount targets: NFS from RStudio and Shiny tasks and DataSync only");
    this.sftp = group("sftp", "SFTP endpoint (Transfer Family): SSH from allowed clients");
    this.dataSync = group("datasync", "DataSync: NFS to EFS only");
    this.syncFunction = group("sync-fn", "Upload sync function: HTTPS to the DataSync API only");

    const ingress = (name: string, config: RuleConfig) => new VpcSecurityGroupIngressRule(this, name, { ipProtocol: "tcp", ...config });
    const egress = (name: string, config: RuleConfig) => new VpcSecurityGroupEgressRule(this, name, { ipProtocol: "tcp", ...config });

    // One rule per client network, keyed by the CIDR itself.
    for (const [port, purpose] of [[443, "HTTPS"], [80, "HTTP (redirected to HTTPS)"]] as const) {
      const clients = TerraformIterator.fromList(props.allowedCidrs);
      ingress(`alb_${port === 443 ? "https" : "http"}_from_clients`, {
        forEach: clients,
        securityGroupId: this.alb.id,
        fromPort: port,
        toPort: port,
        cidrIpv4: clients.value,
        description: `${purpose} from ${clients.value}`,
      });
    }

    const sftpClients = TerraformIterator.fromList(props.sftpAllowedCidrs);
    ingress("sftp_from_clients", {
      forEach: sftpClients,
      securityGroupId: this.sftp.id,
      fromPort: 22,
      toPort: 22,
      cidrIpv4: sftpClients.value,
      description: `SFTP from ${sftpClients.value}`,
    });
    const between = (from: SecurityGroup, to: SecurityGroup, onPort: number) => ({ fromPort: onPort, toPort: onPort, securityGroupId: from.id, referencedSecurityGroupId: to.id });
    egress("datasync_to_efs", { ...between(this.dataSync, this.efs, 2049), description: "NFS to EFS" });
    ingress("efs_from_datasync", { ...between(this.efs, this.dataSync, 2049), description: "NFS from DataSync" });
    egress("sync_function_https_out", {
      securityGroupId: this.syncFunction.id,
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
      description: "HTTPS to the DataSync API",
    });

    for (const [service, target] of [["rstudio", this.rstudio], ["shiny", this.shiny]] as const) {
      const port = CONTAINER_PORTS[service];
      egress(`alb_to_${service}`, { ...between(this.alb, target, port), description: `To ${service} tasks` });
      ingress(`${service}_from_alb`, { ...between(target, this.alb, port), description: "From the load balancer" });
      egress(`${service}_to_efs`, { ...between(target, this.efs, 2049), description: "NFS to EFS" });
      ingress(`efs_from_${service}`, { ...between(this.efs, target, 2049), description: `NFS from ${service} tasks` });
      egress(`${service}_https_out`, {
        securityGroupId: target.id,
        fromPort: 443,
        toPort: 443,
        cidrIpv4: "0.0.0.0/0",
        description: "HTTPS to AWS APIs and package repositories",
      });
    }
  }
}
