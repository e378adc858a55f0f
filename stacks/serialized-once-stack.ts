import { IConstruct } from "constructs";
import { App, Aspects, TerraformStack } from "cdktf";

/** The apps in the middle of `synth()`, each with a token of that run. */
const synthesisRuns = new WeakMap<IConstruct, object>();

/**
 * An app whose stacks build their Terraform JSON once per `synth()`: the policy gate reads every
 * stack's JSON during validation and the synthesizer then writes the same JSON; resolving every
 * token twice cost a sixth of the synth. Outside `synth()` nothing is cached, so a stack changed
 * after one synthesis is serialized afresh.
 */
export class SynthesizeOnceApp extends App {
  public synth(): void {
    synthesisRuns.set(this, {});
    try {
      super.synth();
    } finally {
      synthesisRuns.delete(this);
    }
  }
}

/**
 * A stack that keeps its JSON for the rest of a SynthesizeOnceApp's `synth()`. Validations and
 * custom synthesis run between the gate's read and the write and change no construct; aspects
 * could, after the gate read the JSON, so a stack with one fails instead of writing stale JSON.
 */
export class SerializedOnceStack extends TerraformStack {
  private serialized?: { run: object; json: { [key: string]: any } };

  public toTerraform(): { [key: string]: any } {
    const run = synthesisRuns.get(this.node.root);
    if (run === undefined) return super.toTerraform();
    if (this.serialized?.run !== run) {
      const withAspect = this.node.findAll().find((construct) => Aspects.of(construct).all.length > 0);
      if (withAspect) throw new Error(`${withAspect.node.path} has an aspect; SerializedOnceStack caches its JSON during synth and cannot take one`);
      this.serialized = { run, json: super.toTerraform() };
    }
    return this.serialized.json;
  }
}
