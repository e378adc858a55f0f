import { TerraformStack } from "cdktf";
import { environmentFromSynth, StackJson } from "./load-synth";
import { PolicyEnvironment } from "./model";

/** A stack's Terraform JSON as `cdktf synth` writes it, `//` comments (and so suppressions) included. */
export function stackJson(stack: TerraformStack): StackJson {
  return { name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) };
}

/** The policy view of one environment: its own stacks plus the shared ones (bootstrap). */
export function environmentFromStacks(name: string, own: readonly TerraformStack[], shared: readonly TerraformStack[] = []): PolicyEnvironment {
  return environmentFromSynth(name, [...own, ...shared].map(stackJson), shared.map((stack) => stack.node.id));
}
