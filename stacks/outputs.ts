import { Fn, TerraformOutput, TerraformRemoteState, TerraformStack, Token } from "cdktf";
import { ExampleContext } from "./examples";

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

/** Look-up into a map output by a key known at synth time (a user name, for example). */
export type MapRef = (key: string) => string;

type ValueOf<T extends OutputType> = T extends "string" ? string : T extends "list" ? string[] : MapRef;

/** The values of a layer's outputs as its consumers see them. */
export type OutputValues<S extends OutputSpecs> = { readonly [K in keyof S]: ValueOf<S[K]["type"]> };

/** What a producer hands over: maps as records of tokens. */
export type ProducedValues<S extends OutputSpecs> = {
  readonly [K in keyof S]: S[K]["type"] extends "map" ? Record<string, string> : ValueOf<S[K]["type"]>;
};

export function defineOutputs<S extends OutputSpecs>(specs: S): S {
  return specs;
}

export function mapRef(record: Readonly<Record<string, string>>): MapRef {
  return (key) => {
    const value = record[key];
    if (value === undefined) {
      throw new Error(`no value for key "${key}"; known keys: ${Object.keys(record).join(", ") || "none"}`);
    }
    return value;
  };
}

/** Turns a producer's values into the consumer view, for wiring layers inside one stack. */
export function asConsumed<S extends OutputSpecs>(specs: S, values: ProducedValues<S>): OutputValues<S> {
  const consumed: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = (values as Record<string, unknown>)[key];
    consumed[key] = spec.type === "map" ? mapRef(value as Record<string, string>) : value;
  }
  return consumed as OutputValues<S>;
}

export function exportOutputs<S extends OutputSpecs>(stack: TerraformStack, specs: S, values: ProducedValues<S>): void {
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
      case "map": {
        const map = state.get(spec.name);
        values[key] = (entry: string) => Token.asString(Fn.lookup(map, entry));
        break;
      }
    }
  }
  return values as OutputValues<S>;
}
