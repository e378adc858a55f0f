import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { CONTAINER_PORTS } from "../../config/naming";

export interface SecurityGroupsProps {
  readonly namePrefix: string;
  readonly vpcId: string;
  /** Client networks allowed to reach the load balancer. */
  readonly allowedCidrs: readonly string[];
}

type Peer = { readonly cidrIpv4: string } | { readonly referencedSecurityGroupId: string };

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
        name: `${props.namePrefix}-${name}`,
        description,
        vpcId: props.vpcId,
        tags: { Name: `${props.namePrefix}-${name}` },
        lifecycle: { createBeforeDestroy: true },
      });
    this.alb = group("alb", "Load balancer: HTTPS and HTTP (redirect) from allowed clients");
    this.rstudio = group("rstudio", "RStudio tasks: from the load balancer only");
    this.shiny = group("shiny", "Shiny tasks: from the load balancer only");
    this.efs = group("efs", "EFS mount targets: NFS from RStudio and Shiny tasks only");

    const rule = (kind: "ingress" | "egress", name: string, securityGroup: SecurityGroup, port: number, peer: Peer, description: string) => {
      const Rule = kind === "ingress" ? VpcSecurityGroupIngressRule : VpcSecurityGroupEgressRule;
      new Rule(this, name, {
        securityGroupId: securityGroup.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        description,
        ...peer,
      });
    };

    for (const cidr of props.allowedCidrs) {
      const source = cidr.replace(/[./]/g, "_");
      rule("ingress", `alb_https_from_${source}`, this.alb, 443, { cidrIpv4: cidr }, `HTTPS from ${cidr}`);
      rule("ingress", `alb_http_from_${source}`, this.alb, 80, { cidrIpv4: cidr }, `HTTP (redirected to HTTPS) from ${cidr}`);
    }

    for (const [service, target] of [["rstudio", this.rstudio], ["shiny", this.shiny]] as const) {
      const port = CONTAINER_PORTS[service];
      rule("egress", `alb_to_${service}`, this.alb, port, { referencedSecurityGroupId: target.id }, `To ${service} tasks`);
      rule("ingress", `${service}_from_alb`, target, port, { referencedSecurityGroupId: this.alb.id }, "From the load balancer");
      rule("egress", `${service}_to_efs`, target, 2049, { referencedSecurityGroupId: this.efs.id }, "NFS to EFS");
      rule("egress", `${service}_https_out`, target, 443, { cidrIpv4: "0.0.0.0/0" }, "HTTPS to AWS APIs and package repositories");
      rule("ingress", `efs_from_${service}`, this.efs, 2049, { referencedSecurityGroupId: target.id }, `NFS from ${service} tasks`);
    }
  }
}
