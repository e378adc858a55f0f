import { PolicyEnvironment, PolicyResource } from "./model";

/** The public controls a rule mirrors, so teams can map its results onto their own scanners. */
export interface Mirrors {
  readonly checkov?: readonly string[];
  readonly trivy?: readonly string[];
  /** AWS Security Hub controls (`GuardDuty.12`), for a rule no checkov or trivy check covers. */
  readonly securityHub?: readonly string[];
}

/** Every public id a rule mirrors, checkov first. */
export function mirroredIds(mirrors: Mirrors): string[] {
  return [...(mirrors.checkov ?? []), ...(mirrors.trivy ?? []), ...(mirrors.securityHub ?? [])];
}

export type Status = "pass" | "fail" | "not_applicable";

export interface Finding {
  readonly status: Status;
  readonly reason?: string;
}

export const pass = (): Finding => ({ status: "pass" });
export const fail = (reason: string): Finding => ({ status: "fail", reason });
export const notApplicable = (reason: string): Finding => ({ status: "not_applicable", reason });
/** Passes when `ok`, else fails with `reason`. */
export const passIf = (ok: boolean, reason: string): Finding => (ok ? pass() : fail(reason));

interface RuleBase {
  /** Stable, uppercase: `<SERVICE>_<n>` (`S3_1`, `ECS_7`). Suppressions and reports name it. */
  readonly id: string;
  readonly title: string;
  readonly mirrors: Mirrors;
  /** The resource types the rule judges (environment rules: the types whose presence they look for). */
  readonly resourceTypes: readonly string[];
}

/** Judges each resource of its types; no such resource in the environment: not applicable. */
export interface ResourceRule extends RuleBase {
  readonly scope: "resource";
  check(resource: PolicyResource, env: PolicyEnvironment): Finding;
}

/** Judges the environment as a whole (a GuardDuty detector, a multi-region trail must exist). */
export interface EnvironmentRule extends RuleBase {
  readonly scope: "environment";
  check(env: PolicyEnvironment): Finding;
}

export type Rule = ResourceRule | EnvironmentRule;

export function resourceRule(rule: Omit<ResourceRule, "scope">): ResourceRule {
  return { scope: "resource", ...rule };
}

export function environmentRule(rule: Omit<EnvironmentRule, "scope">): EnvironmentRule {
  return { scope: "environment", ...rule };
}

export type Verdict = "pass" | "fail" | "suppressed" | "not_applicable";

/** The verdict of one rule on one resource (or on the environment, for environment rules). */
export interface Result {
  readonly rule: string;
  /** `<stack>/<type>.<name>`, `environment <name>`, or `-` when nothing the rule applies to exists. */
  readonly address: string;
  readonly verdict: Verdict;
  /** Why it failed, was suppressed or does not apply. */
  readonly reason?: string;
}

export interface Evaluation {
  readonly environment: string;
  readonly results: readonly Result[];
  /** Suppression problems: unknown rule, wrong resource type, no reason, or stale (the resource passes). */
  readonly errors: readonly string[];
}

/** Shortest reason a suppression may give; `suppressPolicy` enforces the same at synth. */
export const MIN_REASON_LENGTH = 20;

/** Runs every rule over the environment and checks every suppression against the results. */
export function evaluate(env: PolicyEnvironment, rules: readonly Rule[]): Evaluation {
  const results: Result[] = [];
  const judged = new Map<string, Finding>();
  for (const rule of rules) {
    if (rule.scope === "environment") {
      const finding = rule.check(env);
      judged.set(`${rule.id} environment`, finding);
      const suppression = finding.status === "fail" ? environmentSuppression(env, rule) : undefined;
      results.push(
        suppression
          ? { rule: rule.id, address: suppression.address, verdict: "suppressed", reason: suppression.reason }
          : { rule: rule.id, address: `environment ${env.name}`, verdict: finding.status, reason: finding.reason },
      );
      continue;
    }
    const applicable = env.resources.filter((resource) => rule.resourceTypes.includes(resource.type));
    if (applicable.length === 0) {
      results.push({ rule: rule.id, address: "-", verdict: "not_applicable", reason: `no ${rule.resourceTypes.join(" or ")} in ${env.name}` });
      continue;
    }
    for (const resource of applicable) {
      const finding = rule.check(resource, env);
      judged.set(`${rule.id} ${resource.address}`, finding);
      const suppression = resource.suppressions[rule.id];
      if (finding.status === "fail" && suppression !== undefined) {
        results.push({ rule: rule.id, address: resource.address, verdict: "suppressed", reason: suppression });
      } else {
        results.push({ rule: rule.id, address: resource.address, verdict: finding.status, reason: finding.reason });
      }
    }
  }
  return { environment: env.name, results, errors: suppressionErrors(env, rules, judged) };
}

/**
 * An environment rule is suppressed by a suppression on a block of one of its types in one of the
 * environment's own stacks, even one that creates nothing here (the account's detector, declared
 * with `count = 0` where another environment owns it). A shared stack (bootstrap) speaks for no
 * environment in particular, so its suppressions do not count.
 */
function environmentSuppression(env: PolicyEnvironment, rule: Rule): { address: string; reason: string } | undefined {
  const holder = [...env.resources, ...(env.declaredOnly ?? [])].find(
    (resource) => !env.sharedStacks?.includes(resource.stack) && rule.resourceTypes.includes(resource.type) && resource.suppressions[rule.id] !== undefined,
  );
  return holder && { address: holder.address, reason: holder.suppressions[rule.id] };
}

function suppressionErrors(env: PolicyEnvironment, rules: readonly Rule[], judged: Map<string, Finding>): string[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const errors: string[] = [];
  const declaredOnly = new Set(env.declaredOnly ?? []);
  for (const resource of [...env.resources, ...declaredOnly]) {
    for (const [id, reason] of Object.entries(resource.suppressions)) {
      const where = `suppression ${id} on ${resource.address}`;
      const rule = byId.get(id);
      const finding = rule?.scope === "environment" ? judged.get(`${id} environment`) : judged.get(`${id} ${resource.address}`);
      if (!rule) {
        errors.push(`${where}: no such rule`);
      } else if (!rule.resourceTypes.includes(resource.type)) {
        errors.push(`${where}: ${id} does not apply to ${resource.type} (it judges ${rule.resourceTypes.join(", ")})`);
      } else if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) {
        errors.push(`${where}: a reason of at least ${MIN_REASON_LENGTH} characters is required, got: "${reason ?? ""}"`);
      } else if (rule.scope === "environment" && env.sharedStacks?.includes(resource.stack)) {
        errors.push(`${where}: ${resource.stack} is shared by several environments; suppress ${id} in one of ${env.name}'s own stacks`);
      } else if (rule.scope === "resource" && declaredOnly.has(resource)) {
        // Nothing to judge here: the suppression applies wherever the block creates something.
      } else if (finding?.status !== "fail") {
        errors.push(`${where} is stale: ${rule.scope === "environment" ? "the environment" : "the resource"} ${finding?.status === "pass" ? "passes" : "is not judged by"} ${id}; remove the suppression`);
      }
    }
  }
  return errors;
}
