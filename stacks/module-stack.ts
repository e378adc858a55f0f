import { Construct } from "constructs";
import { IResolvable, TerraformVariable } from "cdktf";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Layer } from "../config/naming";
import { exportOutputs, OutputSpecs, OutputValues } from "./outputs";
import { ReadableStack } from "./readable-stack";

/** One Terraform variable of a layer module. */
export interface VariableSpec {
  /** An HCL type constraint. */
  readonly type: string;
  readonly description: string;
  /** Omit for a required variable. */
  readonly default?: unknown;
  /** `condition` is HCL over `var.<name>`; `message` is a full sentence. */
  readonly validation?: readonly { readonly condition: string; readonly message: string }[];
}

export type VariableSpecs = Readonly<Record<string, VariableSpec>>;

/** Typed access to a module's variables (and the few values every module computes itself). */
export interface ModuleContext {
  string(name: string): string;
  number(name: string): number;
  bool(name: string): IResolvable;
  list(name: string): string[];
  /** A map or object variable, as an expression. */
  any(name: string): any;
  /** The provider's region (`data.aws_region`, computed locally: plans offline). */
  readonly region: string;
}

/** A layer as a reusable Terraform module: its variables, its outputs and how to build it from them. */
export interface LayerModule {
  readonly layer: Layer;
  readonly description: string;
  readonly variables: VariableSpecs;
  readonly outputs: OutputSpecs;
  build(scope: Construct, id: string, context: ModuleContext): OutputValues<OutputSpecs>;
}

/** A Terraform variable from its spec. */
export function moduleVariable(scope: Construct, name: string, spec: VariableSpec): TerraformVariable {
  const variable = new TerraformVariable(scope, name, {
    type: spec.type,
    description: spec.description,
    nullable: false,
    // In .tf.json a condition is a string: only an interpolation makes it an expression.
    validation: spec.validation?.map((rule) => ({ condition: `\${${rule.condition}}`, errorMessage: rule.message })),
  });
  // Set raw: cdktf would rewrite map keys of a typed default to snake_case.
  if (spec.default !== undefined) variable.addOverride("default", spec.default);
  return variable;
}

/**
 * Synthesizes a layer as a clean module: variables instead of an environment file, no provider
 * and no backend (the caller owns both), so callers can use count, for_each and depends_on.
 */
export class ModuleStack extends ReadableStack {
  constructor(scope: Construct, readonly module: LayerModule) {
    super(scope, module.layer);
    // cdktf needs a provider construct to synthesize; the module writer removes the block again.
    new AwsProvider(this, "aws", {});
    const variables = new Map<string, TerraformVariable>();
    for (const [name, spec] of Object.entries(module.variables)) {
      variables.set(name, moduleVariable(this, name, spec));
    }
    const variable = (name: string) => {
      const found = variables.get(name);
      if (!found) throw new Error(`module ${module.layer} has no variable "${name}"`);
      return found;
    };
    const region = new DataAwsRegion(this, "current").name;
    const context: ModuleContext = {
      string: (name) => variable(name).stringValue,
      number: (name) => variable(name).numberValue,
      bool: (name) => variable(name).booleanValue,
      list: (name) => variable(name).listValue,
      any: (name) => variable(name).value,
      region,
    };
    this.nameWithout(module.layer);
    const outputs = module.build(this, module.layer, context);
    exportOutputs(this, module.outputs, outputs);
  }
}
