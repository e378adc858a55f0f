import { ExampleValue, OutputSpecs, OutputType } from "../../stacks/outputs";
import { ExampleContext } from "../../stacks/output-examples";

/**
 * Fake credentials and the provider's skip flags: the provider plans without calling AWS. The
 * account guard is lifted because an offline provider cannot learn which account it is in.
 */
export const OFFLINE_PROVIDER = {
  allowed_account_ids: null,
  access_key: "AKIAIOSFODNN7EXAMPLE",
  secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: "true",
  skip_region_validation: true,
};

/**
 * The override file that turns a synthesized stack into one that plans offline: local backend,
 * offline provider settings, and every `terraform_remote_state` read from a local fixture state.
 */
export function offlineOverride(remoteStates: Readonly<Record<string, string>>): object {
  const override: Record<string, unknown> = {
    terraform: { backend: { local: { path: "terraform.tfstate" } } },
    provider: { aws: OFFLINE_PROVIDER },
  };
  if (Object.keys(remoteStates).length > 0) {
    override.data = {
      terraform_remote_state: Object.fromEntries(
        Object.entries(remoteStates).map(([name, path]) => [name, { backend: "local", config: { path } }]),
      ),
    };
  }
  return override;
}

const STATE_TYPES: Record<OutputType, unknown> = {
  string: "string",
  list: ["list", "string"],
  map: ["map", "string"],
};

interface PlanOutputs {
  planned_values?: { outputs?: Record<string, { value?: unknown }> };
  output_changes?: Record<string, { after_unknown?: unknown }>;
}

/** True when a plan's `after_unknown` says no part of the value is unknown. */
function fullyKnown(afterUnknown: unknown): boolean {
  if (afterUnknown === undefined || afterUnknown === false) return true;
  if (afterUnknown === true) return false;
  if (Array.isArray(afterUnknown)) return afterUnknown.every(fullyKnown);
  if (typeof afterUnknown === "object" && afterUnknown !== null) return Object.values(afterUnknown).every(fullyKnown);
  return true;
}

function matchesType(value: unknown, type: OutputType): value is ExampleValue {
  if (type === "string") return typeof value === "string";
  if (type === "list") return Array.isArray(value) && value.every((item) => typeof item === "string");
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "string");
}

/**
 * A state file holding a producer's outputs as a consumer would read them after the producer's
 * apply: values the plan already knows, and the contract's well-formed examples for the rest.
 */
export function fixtureState(specs: OutputSpecs, plan: PlanOutputs, context: ExampleContext): { state: object; examples: string[] } {
  const outputs: Record<string, { value: ExampleValue; type: unknown }> = {};
  const examples: string[] = [];
  for (const spec of Object.values(specs)) {
    const planned = plan.planned_values?.outputs?.[spec.name];
    const known = fullyKnown(plan.output_changes?.[spec.name]?.after_unknown) && planned && "value" in planned;
    let value: ExampleValue;
    if (known && matchesType(planned.value, spec.type)) {
      value = planned.value;
    } else {
      value = spec.example(context);
      examples.push(spec.name);
    }
    outputs[spec.name] = { value, type: STATE_TYPES[spec.type] };
  }
  return {
    state: { version: 4, terraform_version: "1.11.4", serial: 1, lineage: "offline-plan-fixture", outputs, resources: [] },
    examples,
  };
}
