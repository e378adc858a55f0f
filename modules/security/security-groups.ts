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
}

type RuleConfig = Omit<VpcSecurityGroupEgressRuleConfig, "ipProtocol">;

/**
 * Security groups as a chain: clients -> ALB (443, 80) -> RStudio 8787 / Shiny 3838 -> EFS 2049.
 * Every rule is its own resource with a description; nothing is open that the chain does not need.
 */
export class SecurityGroups extends Construct {
  readonly alb: SecurityGroup;
  readonly rstudio: SecurityGroup;
  readonly shiny: SecurityGroup;
  readonly efs: SecurityGroup;

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
    this.efs = group("efs", "EFS mount targets: NFS from RStudio and Shiny tasks only");

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

    for (const [service, target] of [["rstudio", this.rstudio], ["shiny", this.shiny]] as const) {
      const port = CONTAINER_PORTS[service];
      const between = (from: SecurityGroup, to: SecurityGroup, onPort: number) => ({ fromPort: onPort, toPort: onPort, securityGroupId: from.id, referencedSecurityGroupId: to.id });
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
