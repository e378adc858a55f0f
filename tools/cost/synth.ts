import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { EnvironmentConfig } from "../../config/load";
import { addEnvironment } from "../../stacks/environment";
import { EnvironmentJson } from "./instances";
import { LAYERS } from "./quantities";

/** One in-memory synthesis of an environment's four layer stacks (its scratch folder is removed). */
export function synthesizeEnvironment(config: EnvironmentConfig): EnvironmentJson {
  const outdir = mkdtempSync(path.join(os.tmpdir(), "rstudio-cost-"));
  try {
    const stacks = addEnvironment(Testing.app({ outdir }), config);
    return Object.fromEntries(LAYERS.map((layer) => [layer, JSON.parse(Testing.synth(stacks[layer]))]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
