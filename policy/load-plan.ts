import { fromJsonString, PolicyDocument } from "./documents";
import { environmentFromSynth, inheritForEach, POLICY_ATTRIBUTES, policyValue } from "./load-synth";
import { blockKey, blocks, isProductionName, PolicyEnvironment, PolicyResource, SUPPRESSIONS_KEY } from "./model";
import { referencesIn } from "./references";

/** The value rules see for an attribute Terraform computes during apply. */
export const KNOWN_AFTER_APPLY = "(known after apply)";

/**
 * Attributes the provider computes when the configuration leaves them out (a role's inline and
 * managed policies): unknown in the plan, they are what the configuration says.
 */
const COMPUTED_WHEN_UNSET = ["inline_policy", "managed_policy_arns"];

/** One stack's `terraform show -json` plan, with its synthesized JSON for the suppressions. */
export interface StackPlanJson {
  readonly name: string;
  readonly plan: Record<string, any>;
  readonly synth?: Record<string, any>;
}

/**
 * The environment as planned: one PolicyResource per resource instance that the plan creates or
 * keeps, with the values Terraform computed (JSON-string attributes such as policies and
 * container definitions are read as JSON; a policy still unknown at plan time is read from the
 * synthesized document). References come from the plan's configuration, within each stack.
 */
export function environmentFromPlans(name: string, stacks: readonly StackPlanJson[], sharedStacks: readonly string[] = []): PolicyEnvironment {
  const resources: PolicyResource[] = [];
  // With every stack's synthesized JSON, references follow remote state across stacks as in synth mode.
  const synthesized = stacks.every((stack) => stack.synth)
    ? new Map(environmentFromSynth(name, stacks.map((stack) => ({ name: stack.name, json: stack.synth! }))).resources.map((resource) => [resource.address, resource]))
    : undefined;
  for (const stack of stacks) {
    const configured = new Map<string, any>(
      (stack.plan.configuration?.root_module?.resources ?? []).map((resource: any) => [resource.address, resource]),
    );
    for (const change of stack.plan.resource_changes ?? []) {
      if (change.mode !== "managed" || (change.change?.actions ?? []).every((action: string) => action === "delete")) continue;
      // Set in the configuration but known only after apply (a new key's ARN): set, as far as rules go.
      const values: Record<string, any> = withUnknowns(change.change?.after ?? {}, change.change?.after_unknown ?? {});
      const configuration = configured.get(`${change.type}.${change.name}`);
      const attributeReferences: Record<string, Set<string>> = {};
      const expressions: Record<string, unknown> = { ...(configuration?.expressions ?? {}), for_each: configuration?.for_each_expression };
      for (const [attribute, expression] of Object.entries(expressions)) {
        attributeReferences[attribute] = new Set();
        for (const reference of referencesIn(collectReferences(expression))) {
          if (reference.kind === "resource") attributeReferences[attribute].add(blockKey(stack.name, reference.type, reference.name));
          if (reference.kind === "data") attributeReferences[attribute].add(blockKey(stack.name, `data.${reference.type}`, reference.name));
        }
      }
      inheritForEach(
        Object.fromEntries(Object.entries(expressions).map(([attribute, expression]) => [attribute, collectReferences(expression)])),
        attributeReferences,
      );
      const block = synthesized?.get(blockKey(stack.name, change.type, change.name));
      const references = block ? block.references : new Set(Object.values(attributeReferences).flatMap((keys) => [...keys]));
      const policies: Record<string, PolicyDocument> = {};
      const synthValues = stack.synth?.resource?.[change.type]?.[change.name];
      for (const attribute of POLICY_ATTRIBUTES) {
        // A policy Terraform computes only at apply (it names a new key's ARN) is read from the synthesized document.
        const document =
          fromJsonString(values[attribute]) ??
          (change.change?.after_unknown?.[attribute] === true && synthValues && stack.synth
            ? policyValue({ name: stack.name, json: stack.synth }, synthValues[attribute])
            : undefined);
        if (document) policies[attribute] = document;
      }
      // What the provider computes where the configuration leaves it out is read as configured.
      const asConfigured = new Set(
        COMPUTED_WHEN_UNSET.filter((attribute) => change.change?.after_unknown?.[attribute] === true && synthValues && stack.synth),
      );
      asConfigured.forEach((attribute) => (values[attribute] = synthValues[attribute]));
      blocks(values.inline_policy).forEach((inline, index) => {
        const document = asConfigured.has("inline_policy")
          ? policyValue({ name: stack.name, json: stack.synth! }, inline?.policy)
          : fromJsonString(inline?.policy);
        if (document) policies[`inline_policy[${index}]`] = document;
      });
      let containers: Record<string, any>[] | undefined;
      if (typeof values.container_definitions === "string") {
        try {
          containers = JSON.parse(values.container_definitions);
        } catch {
          containers = undefined;
        }
      }
      resources.push({
        stack: stack.name,
        type: change.type,
        name: change.name,
        address: `${stack.name}/${change.address}`,
        values,
        suppressions: { ...(stack.synth?.resource?.[change.type]?.[change.name]?.["//"]?.[SUPPRESSIONS_KEY] ?? {}) },
        references,
        attributeReferences: block ? block.attributeReferences : attributeReferences,
        policies,
        containers,
      });
    }
  }
  return { name, production: isProductionName(name), source: "plan", resources, sharedStacks };
}

function withUnknowns(value: any, unknown: any): any {
  if (unknown === true) return value ?? KNOWN_AFTER_APPLY;
  if (Array.isArray(unknown)) {
    const list = Array.isArray(value) ? [...value] : [];
    unknown.forEach((inner, index) => (list[index] = withUnknowns(list[index], inner)));
    return list;
  }
  if (unknown !== null && typeof unknown === "object") {
    const object = value !== null && typeof value === "object" ? { ...value } : {};
    for (const [key, inner] of Object.entries(unknown)) object[key] = withUnknowns(object[key], inner);
    return object;
  }
  return value;
}

function collectReferences(expressions: unknown, into: string[] = []): string[] {
  if (Array.isArray(expressions)) expressions.forEach((inner) => collectReferences(inner, into));
  else if (expressions !== null && typeof expressions === "object") {
    for (const [key, inner] of Object.entries(expressions)) {
      if (key === "references" && Array.isArray(inner)) into.push(...inner.map(String));
      else collectReferences(inner, into);
    }
  }
  return into;
}
