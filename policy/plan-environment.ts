import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { environmentFromPlans } from "./load-plan";
import { PolicyEnvironment } from "./model";

/**
 * An environment from the offline plan harness's output: `<planDir>/<stack>/plan.json` with the
 * synthesized `cdk.tf.json` beside it (for the suppressions), for the given stacks.
 */
export function environmentFromPlanDirectory(name: string, planDir: string, stacks: readonly string[]): PolicyEnvironment {
  return environmentFromPlans(
    name,
    stacks.map((stack) => {
      const synthPath = path.join(planDir, stack, "cdk.tf.json");
      return {
        name: stack,
        plan: JSON.parse(readFileSync(path.join(planDir, stack, "plan.json"), "utf8")),
        synth: existsSync(synthPath) ? JSON.parse(readFileSync(synthPath, "utf8")) : undefined,
      };
    }),
  );
}
