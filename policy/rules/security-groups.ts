import { fail, notApplicable, pass, passIf, resourceRule, Rule } from "../engine";
import { blocks, isExpression, keyOf, ofType, PolicyEnvironment, PolicyResource, resolve } from "../model";
import { isWorld } from "./shared";

const INGRESS_RULE = ["aws_vpc_security_group_ingress_rule", "aws_security_group_rule", "aws_security_group"];
/** The ports an internet-facing load balancer serves: HTTPS, and HTTP that only redirects (ALB_2). */
const LOAD_BALANCER_PORTS = [80, 443];

/** The security groups (block keys) a rule resource belongs to; a security group is its own. */
function groupsOf(resource: PolicyResource): string[] {
  if (resource.type === "aws_security_group") return [keyOf(resource)];
  return [...(resource.attributeReferences.security_group_id ?? [])];
}

/** Whether one of the groups is attached to an internet-facing load balancer. */
function servesInternetFacingLoadBalancer(env: PolicyEnvironment, groups: string[]): boolean {
  return ofType(env, "aws_lb", "aws_alb").some(
    (lb) => lb.values.internal !== true && groups.some((group) => lb.attributeReferences.security_groups?.has(group)),
  );
}

interface Permission {
  readonly fromPort: number;
  readonly toPort: number;
  readonly protocol: string;
  readonly cidrs: unknown[];
}

/** A list attribute, or the one expression that computes it. */
const listOf = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Ingress (or egress) permissions a resource opens, with `${each.value}` and same-stack references in CIDRs resolved. */
function permissions(env: PolicyEnvironment, resource: PolicyResource, direction: "ingress" | "egress"): Permission[] {
  const { values } = resource;
  const cidrsOf = (...lists: unknown[]) => lists.flatMap(listOf).flatMap((cidr) => resolve(env, resource, cidr));
  if (resource.type === "aws_security_group") {
    return blocks(values[direction]).map((entry) => ({
      fromPort: Number(entry.from_port),
      toPort: Number(entry.to_port),
      protocol: String(entry.protocol),
      cidrs: cidrsOf(entry.cidr_blocks, entry.ipv6_cidr_blocks),
    }));
  }
  if (resource.type === "aws_security_group_rule") {
    if (values.type !== direction) return [];
    return [{ fromPort: Number(values.from_port), toPort: Number(values.to_port), protocol: String(values.protocol), cidrs: cidrsOf(values.cidr_blocks, values.ipv6_cidr_blocks) }];
  }
  const isDirection = resource.type === `aws_vpc_security_group_${direction}_rule`;
  if (!isDirection) return [];
  return [{ fromPort: Number(values.from_port ?? -1), toPort: Number(values.to_port ?? -1), protocol: String(values.ip_protocol), cidrs: cidrsOf(values.cidr_ipv4, values.cidr_ipv6) }];
}

const allTraffic = (permission: Permission) => permission.protocol === "-1" || permission.protocol === "all";

export const securityGroupRules: Rule[] = [
  resourceRule({
    id: "SG_1",
    title: "No ingress from the internet, except 80/443 to an internet-facing load balancer",
    mirrors: { checkov: ["CKV_AWS_260", "CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_277"], trivy: ["AVD-AWS-0107"] },
    resourceTypes: INGRESS_RULE,
    check: (resource, env) => {
      const ingress = permissions(env, resource, "ingress");
      const unreadable = ingress.flatMap((permission) => permission.cidrs.filter(isExpression));
      if (unreadable.length > 0) return fail(`ingress CIDR cannot be read: ${unreadable.join(", ")}`);
      const world = ingress.filter((permission) => permission.cidrs.some(isWorld));
      if (world.length === 0) {
        return resource.type === "aws_security_group_rule" && resource.values.type !== "ingress" ? notApplicable("egress rule") : pass();
      }
      const loadBalancer = servesInternetFacingLoadBalancer(env, groupsOf(resource));
      const forbidden = world.filter(
        (permission) => !(loadBalancer && !allTraffic(permission) && permission.fromPort === permission.toPort && LOAD_BALANCER_PORTS.includes(permission.fromPort)),
      );
      return forbidden.length === 0
        ? pass()
        : fail(`open to the internet on ${forbidden.map((permission) => (allTraffic(permission) ? "all traffic" : `${permission.fromPort}-${permission.toPort}`)).join(", ")}${loadBalancer ? "" : " (not an internet-facing load balancer's group)"}`);
    },
  }),
  resourceRule({
    id: "SG_2",
    title: "Every security group and security group rule has a description",
    mirrors: { checkov: ["CKV_AWS_23"], trivy: ["AVD-AWS-0099", "AVD-AWS-0124"] },
    resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"],
    check: (resource) => {
      const described = (value: unknown) => typeof value === "string" && value.trim().length > 0 && value !== "Managed by Terraform";
      if (!described(resource.values.description)) return fail("no description");
      if (resource.type !== "aws_security_group") return pass();
      const inline = [...blocks(resource.values.ingress), ...blocks(resource.values.egress)].filter((entry) => !described(entry.description));
      return passIf(inline.length === 0, `${inline.length} inline rule(s) without a description`);
    },
  }),
  resourceRule({
    id: "SG_3",
    title: "No egress to the internet on all protocols and ports",
    mirrors: { checkov: ["CKV_AWS_382"] },
    resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_egress_rule"],
    check: (resource, env) => {
      const open = permissions(env, resource, "egress").filter((permission) => allTraffic(permission) && permission.cidrs.some(isWorld));
      return passIf(open.length === 0, "allows all traffic out to the internet");
    },
  }),
];
