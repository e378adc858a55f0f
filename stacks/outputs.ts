import { Fn, IResolvable, TerraformOutput, TerraformRemoteState, TerraformStack, Token } from "cdktf";
import { ExampleContext } from "./output-examples";

/*
 * A layer's public contract: the outputs later layers (and HCL callers) read, with stable,
 * readable Terraform names. One spec drives the producer's `output` blocks, the consumer's
 * `terraform_remote_state` reads and the types in between.
 */

export type OutputType = "string" | "list" | "map";

export type ExampleValue = string | string[] | Record<string, string>;

export interface OutputSpec {
  /** The Terraform output name: part of the public contract, never renamed lightly. */
  readonly name: string;
  readonly type: OutputType;
  readonly description: string;
  /** A well-formed value of this output for an environment, used before the producer is applied. */
  readonly example: (context: ExampleContext) => ExampleValue;
}

export type OutputSpecs = Readonly<Record<string, OutputSpec>>;

/** A map output: a literal record, or a Terraform expression (remote state, variable, for-expression). */
export type MapValue = Readonly<Record<string, string>> | IResolvable;

type ValueOf<T extends OutputType> = T extends "string" ? string : T extends "list" ? string[] : MapValue;

/** The values of a layer's outputs, as its producer hands them over and its consumers read them. */
export type OutputValues<S extends OutputSpecs> = { readonly [K in keyof S]: ValueOf<S[K]["type"]> };

export function defineOutputs<S extends OutputSpecs>(specs: S): S {
  return specs;
}

/** The value of `map[key]`, where `key` may be an expression such as `each.key`. */
export function lookup(map: MapValue, key: string): string {
  return Token.asString(Fn.lookup(map, key));
}

export function exportOutputs<S extends OutputSpecs>(stack: TerraformStack, specs: S, values: OutputValues<S>): void {
  for (const [key, spec] of Object.entries(specs)) {
    new TerraformOutput(stack, spec.name, {
      value: (values as Record<string, unknown>)[key],
      description: spec.description,
    });
  }
}

export function importOutputs<S extends OutputSpecs>(specs: S, state: TerraformRemoteState): OutputValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    switch (spec.type) {
      case "string":
        values[key] = state.getString(spec.name);
        break;
      case "list":
        values[key] = state.getList(spec.name);
        break;
      case "map":
        values[key] = state.get(spec.name);
        break;
    }
  }
  return values as OutputValues<S>;
}
