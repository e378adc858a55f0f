import { Construct } from "constructs";
import { Route53ResolverFirewallConfig } from "@cdktf/provider-aws/lib/route53-resolver-firewall-config";
import { Route53ResolverFirewallDomainList } from "@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list";
import { Route53ResolverFirewallRule } from "@cdktf/provider-aws/lib/route53-resolver-firewall-rule";
import { Route53ResolverFirewallRuleGroup } from "@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group";
import { Route53ResolverFirewallRuleGroupAssociation } from "@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association";
import { Fn, Token } from "cdktf";
import { countWhen, firstInstance, Flag } from "../shared/expressions";

export interface DnsFirewallProps {
  readonly name: string;
  readonly vpcId: string;
  readonly create: Flag;
  /** Domains that resolve; `*.example.com` covers every subdomain. */
  readonly allowedDomains: string[];
  /** The VPC's region: its AWS service endpoints always resolve. */
  readonly region: string;
}

/** `prefix` + region + `suffix`; a module's region is an expression, which inside Fn.concat must be a function argument, not a template. */
function inRegion(region: string, prefix: string, suffix: string): string {
  return Token.isUnresolved(region) ? Fn.format(`${prefix}%s${suffix}`, [region]) : `${prefix}${region}${suffix}`;
}

/**
 * What the tasks, the sync function and the load balancer reach in AWS itself: this region's
 * service endpoints (ECR and its S3 layer bucket, Logs, Secrets Manager, SSM, STS, KMS, EFS, Athena,
 * Glue, GuardDuty, DataSync) and Cognito's sign-in domain, plus the global STS name some SDKs use.
 * `*.<region>.amazonaws.com` is wider than that: it also names endpoints anyone can create in the
 * region (the load balancers and APIs of customerEndpointDomains are blocked first) and every S3
 * bucket there, other accounts' included, which a DNS filter cannot tell from this project's own.
 */
export function awsServiceDomains(region: string): string[] {
  return [inRegion(region, "*.", ".amazonaws.com"), "sts.amazonaws.com", inRegion(region, "*.auth.", ".amazoncognito.com")];
}

/**
 * The region's names of endpoints any AWS account can create, so an attacker's too, refused
 * before any allow-list entry is considered: Network Load Balancers (`*.elb.<region>`) and API
 * Gateway APIs, which `*.<region>.amazonaws.com` admits, and EC2 public names and Application
 * Load Balancers (`*.<region>.compute`, `*.<region>.elb`), which it does not (the region label
 * comes first) but a wider `allowedDomains` entry such as `*.amazonaws.com` would.
 */
export function customerEndpointDomains(region: string): string[] {
  return [
    inRegion(region, "*.elb.", ".amazonaws.com"),
    inRegion(region, "*.execute-api.", ".amazonaws.com"),
    inRegion(region, "*.", ".compute.amazonaws.com"),
    inRegion(region, "*.", ".elb.amazonaws.com"),
  ];
}

/**
 * Egress filtering at the DNS level: the VPC's resolver answers only for the allowed domains and
 * NXDOMAIN for everything else, so R sessions can install from CRAN, Bioconductor and GitHub but
 * cannot name other hosts. Not stopped: a connection to a literal IP address (the task security
 * groups still allow HTTPS out), and any S3 bucket of the region, another account's included;
 * AWS Network Firewall would filter on TLS SNI, at about USD 0.40 per zone-hour plus traffic.
 */
export class DnsFirewall extends Construct {
  constructor(scope: Construct, id: string, props: DnsFirewallProps) {
    super(scope, id);
    const count = countWhen(props.create);
    const allowed = new Route53ResolverFirewallDomainList(this, "allowed_domains", {
      count,
      name: `${props.name}-allowed`,
      domains: withAwsServices(props.allowedDomains, props.region),
    });
    const everything = new Route53ResolverFirewallDomainList(this, "all_domains", {
      count,
      name: `${props.name}-everything`,
      domains: ["*"],
    });
    const customerEndpoints = new Route53ResolverFirewallDomainList(this, "customer_endpoint_domains", {
      count,
      name: `${props.name}-customer-endpoints`,
      domains: customerEndpointDomains(props.region),
    });
    const group = new Route53ResolverFirewallRuleGroup(this, "rule_group", { count, name: `${props.name}-egress` });
    // DNS Firewall applies the first matching rule, lowest priority first: these names are refused
    // before the allow rule, whose `*.<region>.amazonaws.com` (or a wider entry) would admit them.
    new Route53ResolverFirewallRule(this, "block_customer_endpoints", {
      count,
      name: "block-customer-endpoints",
      firewallRuleGroupId: firstInstance(group, "id"),
      firewallDomainListId: firstInstance(customerEndpoints, "id"),
      priority: 50,
      action: "BLOCK",
      blockResponse: "NXDOMAIN",
    });
    new Route53ResolverFirewallRule(this, "allow", {
      count,
      name: "allow-listed",
      firewallRuleGroupId: firstInstance(group, "id"),
      firewallDomainListId: firstInstance(allowed, "id"),
      priority: 100,
      action: "ALLOW",
      // CDNs answer allowed names with CNAMEs to their own domains (cloud.r-project.org, GitHub
      // downloads): trust the chain an allowed name starts instead of listing every CDN.
      firewallDomainRedirectionAction: "TRUST_REDIRECTION_DOMAIN",
    });
    new Route53ResolverFirewallRule(this, "block", {
      count,
      name: "block-everything-else",
      firewallRuleGroupId: firstInstance(group, "id"),
      firewallDomainListId: firstInstance(everything, "id"),
      priority: 200,
      action: "BLOCK",
      blockResponse: "NXDOMAIN",
    });
    new Route53ResolverFirewallRuleGroupAssociation(this, "association", {
      count,
      name: `${props.name}-egress`,
      firewallRuleGroupId: firstInstance(group, "id"),
      vpcId: props.vpcId,
      priority: 101,
      mutationProtection: "ENABLED",
    });
    // Fail closed: while DNS Firewall cannot answer, queries are refused rather than let through.
    new Route53ResolverFirewallConfig(this, "config", { count, resourceId: props.vpcId, firewallFailOpen: "DISABLED" });
  }
}

function withAwsServices(allowed: string[], region: string): string[] {
  const aws = awsServiceDomains(region);
  return Token.isUnresolved(allowed) ? Token.asList(Fn.distinct(Fn.concat([allowed, aws]))) : [...new Set([...allowed, ...aws])];
}
