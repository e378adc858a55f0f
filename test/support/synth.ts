import { App, Testing } from "cdktf";
import { EnvironmentConfig } from "../../config/load";
import { addEnvironment, EnvironmentStacks } from "../../stacks/environment";
import { Layer } from "../../config/naming";

/** Parsed Terraform JSON of one stack. */
export interface TerraformJson {
  terraform: Record<string, any>;
  provider?: Record<string, any>;
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  locals?: Record<string, any>;
  output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
}

/** Synthesizes all four layers of an environment in memory and returns the parsed JSON of each. */
export function synthEnvironment(config: EnvironmentConfig): Record<Layer, TerraformJson> {
  const app: App = Testing.app();
  const stacks: EnvironmentStacks = addEnvironment(app, config);
  return {
    network: JSON.parse(Testing.synth(stacks.network)),
    security: JSON.parse(Testing.synth(stacks.security)),
    storage: JSON.parse(Testing.synth(stacks.storage)),
    workload: JSON.parse(Testing.synth(stacks.workload)),
  };
}

/** Every resource of a type, by name. */
export function resources(json: TerraformJson, type: string): Record<string, any> {
  return json.resource[type] ?? {};
}

export function resource(json: TerraformJson, type: string, name: string): any {
  const found = resources(json, type)[name];
  if (!found) {
    throw new Error(`no ${type}.${name}; have: ${Object.keys(resources(json, type)).join(", ") || "none of this type"}`);
  }
  return found;
}

/** Every data source statement of an aws_iam_policy_document, flattened. */
export function policyStatements(json: TerraformJson, documentName: string): any[] {
  const document = json.data?.aws_iam_policy_document?.[documentName];
  if (!document) throw new Error(`no aws_iam_policy_document.${documentName}`);
  return document.statement;
}

export function allPolicyStatements(json: TerraformJson): any[] {
  return Object.values(json.data?.aws_iam_policy_document ?? {}).flatMap((doc: any) => doc.statement);
}

/** Parses a JSON document that Terraform treats as a template (such as `container_definitions`). */
export { parseTemplateJson } from "../../policy/template-json";
