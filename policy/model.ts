import { PolicyDocument } from "./documents";

/** Where a resource's policy suppressions sit in the synthesized JSON (see modules/shared/policy-suppressions.ts). */
export { SUPPRESSIONS_KEY } from "../modules/shared/policy-suppressions";

/** One resource block (synthesized JSON) or resource instance (plan JSON) the rules judge. */
export interface PolicyResource {
  readonly stack: string;
  readonly type: string;
  /** The block name (`rstudio_service`), without an instance key. */
  readonly name: string;
  /** `<stack>/<type>.<name>`, plus the instance key for plan instances (`...["alice"]`). */
  readonly address: string;
  /** Attributes as written (synthesized JSON) or as planned (`change.after`); `//` removed. */
  readonly values: Readonly<Record<string, any>>;
  /** Rule id -> reason, from `suppressPolicy` next to the construct. */
  readonly suppressions: Readonly<Record<string, string>>;
  /** Blocks this one refers to, as `<stack>/<type>.<name>` (data sources `<stack>/data.<type>.<name>`), across stacks. */
  readonly references: ReadonlySet<string>;
  /** The same, per top-level attribute (`bucket`, `security_group_id`, ...). */
  readonly attributeReferences: Readonly<Record<string, ReadonlySet<string>>>;
  /** IAM policy attributes (`policy`, `assume_role_policy`, ...) as statements; absent when Terraform computes them. */
  readonly policies: Readonly<Record<string, PolicyDocument>>;
  /** `container_definitions` parsed, when the resource has them and they are readable. */
  readonly containers?: readonly Record<string, any>[];
}

/** Everything one environment deploys: all its stacks and the bootstrap stack. */
export interface PolicyEnvironment {
  readonly name: string;
  /** Production environments get the stricter rules (ALB deletion protection, a year of logs). */
  readonly production: boolean;
  readonly source: "synth" | "plan";
  readonly resources: readonly PolicyResource[];
  /**
   * Blocks that create nothing here (`count = 0`, an empty `for_each`), such as an account-wide
   * GuardDuty detector another environment owns. Rules never judge them; their suppressions may
   * explain why an environment rule is met elsewhere.
   */
  readonly declaredOnly?: readonly PolicyResource[];
  /**
   * Stacks several environments share (bootstrap): judged with each environment, but a
   * suppression there cannot explain why one environment meets an environment rule elsewhere.
   */
  readonly sharedStacks?: readonly string[];
}

/** Whether an environment name means production (`prod`, `production`, `prod-eu`). */
export function isProductionName(name: string): boolean {
  return /^prod(uction)?(-|$)/.test(name);
}

export function blockKey(stack: string, type: string, name: string): string {
  return `${stack}/${type}.${name}`;
}

export function keyOf(resource: PolicyResource): string {
  return blockKey(resource.stack, resource.type, resource.name);
}

export function ofType(env: PolicyEnvironment, ...types: string[]): PolicyResource[] {
  return env.resources.filter((resource) => types.includes(resource.type));
}

/** Whether `from` refers to `to` (directly, or through another stack's output). */
export function refersTo(from: PolicyResource, to: PolicyResource): boolean {
  return from.references.has(keyOf(to));
}

/** Whether `from`'s attribute refers to `to`. */
export function attributeRefersTo(from: PolicyResource, attribute: string, to: PolicyResource): boolean {
  return from.attributeReferences[attribute]?.has(keyOf(to)) ?? false;
}

/** Resources of `type` whose `attribute` refers to `target` (the versioning of a bucket, the flow log of a VPC). */
export function companions(env: PolicyEnvironment, target: PolicyResource, attribute: string, ...types: string[]): PolicyResource[] {
  return ofType(env, ...types).filter((resource) => attributeRefersTo(resource, attribute, target));
}

/** Resources of the given types that refer to `target`. */
export function referrers(env: PolicyEnvironment, target: PolicyResource, ...types: string[]): PolicyResource[] {
  return ofType(env, ...types).filter((resource) => refersTo(resource, target));
}

/** A nested block that the provider models as a list of one (cdktf may write an object or a list). */
export function block(value: unknown): Record<string, any> | undefined {
  if (Array.isArray(value)) return value[0];
  return value !== null && typeof value === "object" ? (value as Record<string, any>) : undefined;
}

export function blocks(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value;
  return value !== null && typeof value === "object" ? [value as Record<string, any>] : [];
}

/**
 * The values `each.value` takes: a literal for_each map or list, or `${toset([...])}` of literals.
 * Undefined when Terraform computes the set.
 */
export function eachValues(resource: PolicyResource): unknown[] | undefined {
  const forEach = resource.values.for_each;
  if (forEach === undefined) return undefined;
  if (Array.isArray(forEach)) return forEach;
  if (forEach !== null && typeof forEach === "object") return Object.values(forEach);
  const literal = /^\$\{toset\((\[.*\])\)\}$/.exec(String(forEach));
  if (!literal) return undefined;
  try {
    return JSON.parse(literal[1]);
  } catch {
    return undefined;
  }
}

/** An attribute that may be `${each.value}`: the values it takes, or the value itself. */
export function expand(resource: PolicyResource, value: unknown): unknown[] {
  if (value === "${each.value}") return eachValues(resource) ?? [value];
  return [value];
}

/** Whether a value is (or contains) an expression Terraform computes. */
export const isExpression = (value: unknown): boolean => typeof value === "string" && value.includes("${");

const ATTRIBUTE_REFERENCE = /^\$\{(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z0-9_]+)\}$/;

/**
 * `expand`, then a reference to another block's attribute in the same stack
 * (`${aws_vpc.vpc.cidr_block}`) replaced by that attribute when it is written as a literal.
 * What stays an expression is for Terraform to compute.
 */
export function resolve(env: PolicyEnvironment, resource: PolicyResource, value: unknown): unknown[] {
  return expand(resource, value).map((expanded) => {
    const reference = ATTRIBUTE_REFERENCE.exec(String(expanded));
    if (typeof expanded !== "string" || !reference) return expanded;
    const [, type, name, attribute] = reference;
    const target = env.resources.find((candidate) => candidate.stack === resource.stack && candidate.type === type && candidate.name === name);
    const literal = target?.values[attribute];
    return typeof literal === "string" && !isExpression(literal) ? literal : expanded;
  });
}
