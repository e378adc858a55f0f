import { cpSync, mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import { MODULES_DIR } from "../modules/catalog";
import { offlineTerraformEnv } from "../terraform";
import { offlineOverride } from "./fixtures";
import { DirectoryPlan, planDirectory } from "./harness";

export const EXAMPLES_DIR = "examples";

/**
 * Plans `examples/<name>` offline: the example and the committed modules are copied side by side
 * (keeping `../../terraform-modules/<layer>` sources valid), an override makes the provider offline.
 */
export async function planExample(root: string, name: string, workDir: string, extraFiles: Record<string, string> = {}): Promise<DirectoryPlan> {
  mkdirSync(workDir, { recursive: true });
  cpSync(path.join(root, MODULES_DIR), path.join(workDir, MODULES_DIR), { recursive: true });
  const dir = path.join(workDir, EXAMPLES_DIR, name);
  cpSync(path.join(root, EXAMPLES_DIR, name), dir, { recursive: true });
  writeFileSync(path.join(dir, "offline_override.tf.json"), JSON.stringify(offlineOverride({}), null, 2));
  for (const [file, content] of Object.entries(extraFiles)) writeFileSync(path.join(dir, file), content);
  return planDirectory(dir, offlineTerraformEnv(workDir));
}
