import { fromDataSource, fromJsonString, PolicyDocument } from "./documents";
import { blockKey, blocks, isProductionName, PolicyEnvironment, PolicyResource, SUPPRESSIONS_KEY } from "./model";
import { referencesIn } from "./references";
import { tryParseTemplateJson } from "./template-json";

/** Attributes that hold an IAM policy document. */
export const POLICY_ATTRIBUTES = ["policy", "assume_role_policy", "policy_document", "access_policy"] as const;

/** One stack's synthesized Terraform JSON (`cdk.tf.json`). */
export interface StackJson {
  readonly name: string;
  readonly json: Record<string, any>;
}

/**
 * The environment as the policy pack sees it, from the synthesized JSON of its stacks (and the
 * bootstrap stack, named in `sharedStacks`). References through `terraform_remote_state` are
 * followed to the producing stack's output (matched by state key), so cross-stack rules see which
 * resource is meant.
 */
export function environmentFromSynth(name: string, stacks: readonly StackJson[], sharedStacks: readonly string[] = []): PolicyEnvironment {
  const byStateKey = new Map<string, StackJson>();
  for (const stack of stacks) {
    const key = stack.json.terraform?.backend?.s3?.key;
    if (key) byStateKey.set(key, stack);
  }
  const resources: PolicyResource[] = [];
  const declaredOnly: PolicyResource[] = [];
  for (const stack of stacks) {
    for (const [type, named] of Object.entries<Record<string, any>>(stack.json.resource ?? {})) {
      for (const [blockName, raw] of Object.entries<Record<string, any>>(named)) {
        const { "//": comment, ...values } = raw;
        const attributeReferences = Object.fromEntries(
          Object.entries(values).map(([attribute, value]) => [attribute, resolveReferences(stack, value, byStateKey)]),
        );
        inheritForEach(values, attributeReferences);
        (createsNothing(values) ? declaredOnly : resources).push({
          stack: stack.name,
          type,
          name: blockName,
          address: blockKey(stack.name, type, blockName),
          values,
          suppressions: { ...(comment?.[SUPPRESSIONS_KEY] ?? {}) },
          references: new Set(Object.values(attributeReferences).flatMap((keys) => [...keys])),
          attributeReferences,
          policies: policiesOf(stack, values),
          containers: containersOf(values),
        });
      }
    }
  }
  return { name, production: isProductionName(name), source: "synth", resources, declaredOnly, sharedStacks };
}

/** `count = 0` or an empty literal `for_each`: the block is in the configuration, no instance is. */
function createsNothing(values: Record<string, unknown>): boolean {
  const forEach = values.for_each;
  const emptyForEach = forEach !== null && typeof forEach === "object" && Object.keys(forEach).length === 0;
  return values.count === 0 || emptyForEach;
}

/** `secret_id = "${each.value.id}"` refers to whatever `for_each` iterates over. */
export function inheritForEach(values: Record<string, unknown>, attributeReferences: Record<string, Set<string>>): void {
  const iterated = attributeReferences.for_each;
  if (!iterated || iterated.size === 0) return;
  for (const [attribute, value] of Object.entries(values)) {
    if (attribute !== "for_each" && /\beach\.value\b/.test(JSON.stringify(value))) iterated.forEach((key) => attributeReferences[attribute].add(key));
  }
}

function resolveReferences(stack: StackJson, values: unknown, byStateKey: Map<string, StackJson>, seen = new Set<string>()): Set<string> {
  const keys = new Set<string>();
  for (const reference of referencesIn(values)) {
    if (reference.kind === "resource") {
      keys.add(blockKey(stack.name, reference.type, reference.name));
    } else if (reference.kind === "data") {
      keys.add(blockKey(stack.name, `data.${reference.type}`, reference.name));
      const source = stack.json.data?.[reference.type]?.[reference.name];
      const visit = `${stack.name}/data.${reference.type}.${reference.name}`;
      if (source && !seen.has(visit)) {
        seen.add(visit);
        const { "//": _comment, ...sourceValues } = source;
        resolveReferences(stack, sourceValues, byStateKey, seen).forEach((key) => keys.add(key));
      }
    } else {
      const state = stack.json.data?.terraform_remote_state?.[reference.state];
      const producer = state ? byStateKey.get(state.config?.key) : undefined;
      const output = producer?.json.output?.[reference.output];
      const visit = `${producer?.name}/output.${reference.output}`;
      if (producer && output && !seen.has(visit)) {
        seen.add(visit);
        resolveReferences(producer, output.value, byStateKey, seen).forEach((key) => keys.add(key));
      }
    }
  }
  return keys;
}

/** `${data.aws_iam_policy_document.NAME.json}` (or `[0].json`) resolves to that data source's statements. */
function policiesOf(stack: StackJson, values: Record<string, any>): Record<string, PolicyDocument> {
  const policies: Record<string, PolicyDocument> = {};
  const add = (attribute: string, value: unknown) => {
    const document = policyValue(stack, value);
    if (document) policies[attribute] = document;
  };
  for (const attribute of POLICY_ATTRIBUTES) {
    if (values[attribute] !== undefined) add(attribute, values[attribute]);
  }
  blocks(values.inline_policy).forEach((inline, index) => add(`inline_policy[${index}]`, inline?.policy));
  return policies;
}

export function policyValue(stack: StackJson, value: unknown): PolicyDocument | undefined {
  const reference = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)(\[0\])?\.json\}$/.exec(String(value));
  if (reference) {
    const source = stack.json.data?.aws_iam_policy_document?.[reference[1]];
    return source ? fromDataSource(source) : undefined;
  }
  return fromJsonString(value);
}

function containersOf(values: Record<string, any>): Record<string, any>[] | undefined {
  if (values.container_definitions === undefined) return undefined;
  const parsed = tryParseTemplateJson(values.container_definitions);
  return Array.isArray(parsed) ? parsed : undefined;
}
