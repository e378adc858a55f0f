import { cpSync, rmSync, writeFileSync } from "fs";
import * as path from "path";
import { exampleHex } from "../../stacks/output-examples";
import { terraform } from "../terraform";
import { DirectoryPlan, planDirectory } from "./harness";

/*
 * Planning a change against what the previous version left in state, offline: the previous
 * plan's values become a state file, and the next configuration is planned against it without
 * refresh. Terraform itself then says whether a change updates a resource in place, replaces it
 * or leaves it alone.
 */

type CtyType = string | [string, unknown];

interface SchemaBlock {
  readonly attributes?: Record<string, { readonly type?: CtyType; readonly computed?: boolean; readonly optional?: boolean; readonly required?: boolean }>;
  readonly block_types?: Record<string, { readonly block: SchemaBlock }>;
}

interface ProviderSchemas {
  readonly provider_schemas: Record<string, { readonly resource_schemas?: Record<string, { readonly block: SchemaBlock }> }>;
}

interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly schema_version: number;
  readonly values: Record<string, unknown>;
}

/** The provider schemas of an initialized folder (`terraform providers schema -json`). */
async function providerSchemas(dir: string, env: NodeJS.ProcessEnv): Promise<ProviderSchemas> {
  const result = await terraform(["providers", "schema", "-json"], dir, env);
  if (result.code !== 0) throw new Error(`terraform providers schema failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * A state as if `plan` had been applied: every planned resource with its planned values, and the
 * attributes known only after apply filled in (a well-formed placeholder for strings, such as ids
 * and ARNs; null for the rest, which Terraform reads as "not set").
 */
function stateFromPlan(plan: any, schemas: ProviderSchemas): object {
  const unknownByAddress = new Map<string, unknown>(
    (plan.resource_changes ?? []).map((change: any) => [change.address, change.change?.after_unknown ?? {}]),
  );
  const groups = new Map<string, { mode: string; type: string; name: string; provider: string; instances: object[] }>();
  for (const resource of (plan.planned_values?.root_module?.resources ?? []) as PlannedResource[]) {
    if (resource.mode !== "managed") continue;
    const block = schemas.provider_schemas[resource.provider_name]?.resource_schemas?.[resource.type]?.block;
    if (!block) throw new Error(`no schema for ${resource.type} in ${resource.provider_name}`);
    const key = `${resource.type}.${resource.name}`;
    if (!groups.has(key)) {
      groups.set(key, { mode: "managed", type: resource.type, name: resource.name, provider: `provider["${resource.provider_name}"]`, instances: [] });
    }
    groups.get(key)!.instances.push({
      ...(resource.index === undefined ? {} : { index_key: resource.index }),
      schema_version: resource.schema_version,
      attributes: fillKnownAfterApply(resource.values, unknownByAddress.get(resource.address), block, resource.address),
      sensitive_attributes: [],
    });
  }
  return { version: 4, terraform_version: "1.11.4", serial: 1, lineage: "planned-state", outputs: {}, resources: [...groups.values()] };
}

/**
 * A well-formed stand-in for a value AWS assigns at apply (the provider validates ARNs and zone ids
 * where they are used); collections stay empty, numbers zero.
 */
function placeholder(attribute: string, address: string, type: CtyType | undefined): unknown {
  if (Array.isArray(type)) return type[0] === "map" || type[0] === "object" ? {} : [];
  if (type === "number") return 0;
  if (type === "bool") return false;
  const tag = exampleHex(`${address}.${attribute}`, 12);
  if (attribute === "arn" || attribute.endsWith("_arn")) return `arn:aws:fixture:eu-west-1:111111111111:${attribute}/${tag}`;
  if (attribute === "zone_id" || attribute.endsWith("_zone_id")) return `Z${tag.toUpperCase()}`;
  return `fx-${tag}`;
}

/** The type of a JSON value as cty writes it beside a dynamically typed attribute's value in state. */
function ctyTypeOf(value: unknown): unknown {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return ["tuple", value.map(ctyTypeOf)];
  return ["object", Object.fromEntries(Object.entries(value as object).map(([key, item]) => [key, ctyTypeOf(item)]))];
}

function fillKnownAfterApply(values: Record<string, unknown>, unknown: unknown, block: SchemaBlock, address: string): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...values };
  for (const [name, attribute] of Object.entries(block.attributes ?? {})) {
    if (attribute.type === "dynamic" && filled[name] !== undefined && filled[name] !== null) filled[name] = { value: filled[name], type: ctyTypeOf(filled[name]) };
  }
  if (unknown === null || typeof unknown !== "object") return filled;
  for (const [name, marker] of Object.entries(unknown as Record<string, unknown>)) {
    if (marker === true) {
      // What AWS assigns (ids, ARNs, DNS names) gets a stand-in; an argument that waits for another
      // resource's value stays null until settleState takes it from Terraform's own plan.
      const attribute = block.attributes?.[name];
      const computedOnly = attribute?.computed === true && !attribute.optional && !attribute.required;
      const computedCollection = attribute?.computed === true && !attribute.required && attribute.type !== "string";
      const assigned = attribute !== undefined && (name === "id" || computedOnly || computedCollection);
      filled[name] = assigned ? placeholder(name, address, attribute.type) : null;
    } else if (Array.isArray(marker) && Array.isArray(values[name]) && block.block_types?.[name]) {
      const nested = block.block_types[name].block;
      filled[name] = (values[name] as Record<string, unknown>[]).map((item, index) => fillKnownAfterApply(item, marker[index], nested, address));
    }
  }
  return filled;
}

/**
 * Plans the synthesized stack in `nextStackDir` against `state`, in `dir`, with the providers, lock
 * file and offline override (fixture remote state) of `previousDir`, an already planned stack.
 */
export async function planAgainstState(previousDir: string, nextStackDir: string, state: object, dir: string, env: NodeJS.ProcessEnv): Promise<DirectoryPlan> {
  rmSync(dir, { recursive: true, force: true });
  // The configuration only (cdk.tf.json and its assets), not what an earlier plan left there.
  const offline = [".terraform", ".terraform.lock.hcl", "offline_override.tf.json"];
  const leftovers = [...offline, "terraform.tfstate", "outputs.tfstate", "tfplan", "plan.json"];
  cpSync(nextStackDir, dir, { recursive: true, filter: (source) => !leftovers.includes(path.relative(nextStackDir, source)) });
  for (const file of offline) {
    cpSync(path.join(previousDir, file), path.join(dir, file), { recursive: true, verbatimSymlinks: true });
  }
  writeFileSync(path.join(dir, "terraform.tfstate"), JSON.stringify(state, null, 2));
  return planDirectory(dir, env, { refresh: false });
}

/**
 * The state an apply of `previousDir`'s plan would have left: `stateFromPlan`, then planned again
 * with the same configuration until Terraform has nothing left to do. Each round takes the values
 * Terraform now computes from the resources already in state (a service's cluster ARN, a record's
 * load balancer name) into the state. Fails when that does not settle within `rounds`.
 */
export async function settleState(previousDir: string, plan: any, workDir: string, env: NodeJS.ProcessEnv, rounds = 6): Promise<object> {
  const schemas = await providerSchemas(previousDir, env);
  let state = stateFromPlan(plan, schemas);
  for (let round = 0; round < rounds; round++) {
    const replanned = await planAgainstState(previousDir, previousDir, state, path.join(workDir, "settle"), env);
    const pending = (replanned.plan.resource_changes ?? []).filter((change: any) => change.change.actions.some((action: string) => action !== "no-op" && action !== "read"));
    if (pending.length === 0) return state;
    state = stateFromPlan(replanned.plan, schemas);
  }
  throw new Error(`the state of ${previousDir} did not settle in ${rounds} rounds`);
}
