import { Testing } from "cdktf";
import { EnvironmentConfig } from "../../config/load";
import { addEnvironment } from "../../stacks/environment";
import { EnvironmentJson } from "./instances";
import { LAYERS } from "./quantities";

/** One in-memory synthesis of an environment's four layer stacks (nothing is written to disk). */
export function synthesizeEnvironment(config: EnvironmentConfig): EnvironmentJson {
  const stacks = addEnvironment(Testing.app(), config);
  return Object.fromEntries(LAYERS.map((layer) => [layer, JSON.parse(Testing.synth(stacks[layer]))]));
}
