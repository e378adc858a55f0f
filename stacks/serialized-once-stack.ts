import { Aspects, TerraformStack } from "cdktf";

/**
 * A stack that builds its Terraform JSON once per synthesis. The policy gate reads every stack's
 * JSON during validation and the synthesizer then writes the same JSON; resolving every token
 * twice cost a sixth of the synth. The JSON is built again when constructs were added since (a
 * test that extends a synthesized stack). Aspects could change the tree after the gate read it
 * without adding constructs, so a stack with one fails instead of writing stale JSON.
 */
export class SerializedOnceStack extends TerraformStack {
  private serialized?: { constructs: number; json: { [key: string]: any } };

  public toTerraform(): { [key: string]: any } {
    const constructs = this.node.findAll();
    const withAspect = constructs.find((construct) => Aspects.of(construct).all.length > 0);
    if (withAspect) throw new Error(`${withAspect.node.path} has an aspect; SerializedOnceStack caches its JSON and cannot take one`);
    if (this.serialized?.constructs !== constructs.length) {
      this.serialized = { constructs: constructs.length, json: super.toTerraform() };
    }
    return this.serialized.json;
  }
}
