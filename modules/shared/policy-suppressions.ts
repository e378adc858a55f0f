import { TerraformResource } from "cdktf";

/** Where a resource's policy suppressions sit in the synthesized JSON: a `//` comment, ignored by Terraform. */
export const SUPPRESSIONS_KEY = "policy_suppressions";

/** A policy rule a resource knowingly does not meet, and why. */
export interface PolicySuppression {
  readonly rule: string;
  readonly reason: string;
}

/**
 * Records, next to the resource it concerns, that a policy rule does not apply to it and why.
 * The suppression travels in the synthesized JSON (`"//": {"policy_suppressions": {rule: reason}}`),
 * so the policy pack, the report and the checkov skip list all read the same record.
 * Resources only: cdktf rewrites a data source's `//` block, so a policy document is judged, and
 * suppressed, through the resource that uses it.
 */
export function suppressPolicy(resource: TerraformResource, rule: string, reason: string): void {
  if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(rule)) {
    throw new Error(`policy suppression on ${resource.node.path}: rule id must look like "ECS_3", got: ${rule}`);
  }
  if (reason.trim().length < 20) {
    throw new Error(`policy suppression ${rule} on ${resource.node.path}: a reason of at least 20 characters is required, got: "${reason}"`);
  }
  resource.addOverride(`//.${SUPPRESSIONS_KEY}.${rule}`, reason.trim());
}
