import { App } from "cdktf";
import { mkdtempSync } from "fs";
import * as os from "os";
import * as path from "path";
import { EnvironmentConfig } from "../config/load";
import { BootstrapStack } from "../stacks/bootstrap-stack";
import { addEnvironment } from "../stacks/environment";
import { evaluate, Evaluation, Rule } from "./engine";
import { environmentFromStacks } from "./environments";
import { PolicyEnvironment } from "./model";

/**
 * Builds the app in memory (nothing is written) and returns each environment as the policy pack
 * sees it: its four stacks plus the bootstrap stack.
 */
export function policyEnvironments(configs: readonly EnvironmentConfig[]): PolicyEnvironment[] {
  const app = new App({ outdir: mkdtempSync(path.join(os.tmpdir(), "policy-")), skipValidation: true });
  const bootstrap = new BootstrapStack(app, "bootstrap", { environments: configs });
  return configs.map((config) => {
    const stacks = addEnvironment(app, config);
    return environmentFromStacks(config.name, [stacks.network, stacks.security, stacks.storage, stacks.workload], [bootstrap]);
  });
}

export function evaluateEnvironments(configs: readonly EnvironmentConfig[], rules: readonly Rule[]): Evaluation[] {
  return policyEnvironments(configs).map((env) => evaluate(env, rules));
}
