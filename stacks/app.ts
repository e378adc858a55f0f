import { App, AppConfig } from "cdktf";
import { SynthesizeOnceApp } from "./serialized-once-stack";
import { checkEnvironmentCollisions } from "../config/environment-collisions";
import { checkAccountSingletons } from "../config/account-singletons";
import { ConfigError } from "../config/errors";
import { EnvironmentConfig, loadEnvironment } from "../config/load";
import { PENDING_HARDENING } from "../policy/pending-hardening";
import { PolicyGate } from "../policy/gate";
import { RULES } from "../policy/rules";
import { BootstrapStack } from "./bootstrap-stack";
import { addEnvironment } from "./environment";

/**
 * Validates every environment file, then what environments must agree on (unique names, one state
 * bucket, one owner of each account-wide resource). Throws a ConfigError naming the environment, the field and the value.
 */
export function loadEnvironments(inputs: readonly unknown[]): EnvironmentConfig[] {
  const configs = inputs.map((input) => loadEnvironment(input));
  checkEnvironmentCollisions(configs);
  const [first] = configs;
  for (const config of configs.slice(1)) {
    for (const field of ["bucket", "region", "accountId"] as const) {
      if (config.state[field] !== first.state[field]) {
        throw new ConfigError(config.name, [
          `\`state.${field}\` must match environment "${first.name}" (one state bucket for all), got: "${config.state[field]}"`,
        ]);
      }
    }
  }
  checkAccountSingletons(configs);
  return configs;
}

/**
 * Adds the bootstrap stack and every environment's layer stacks to `app`, guarded by the policy
 * pack: `app.synth()` fails on a rule violation (see policy/gate.ts).
 */
export function addStacks(app: App, configs: readonly EnvironmentConfig[]): App {
  const bootstrap = new BootstrapStack(app, "bootstrap", { environments: configs });
  const gate = new PolicyGate(RULES, PENDING_HARDENING);
  for (const config of configs) {
    const stacks = addEnvironment(app, config);
    gate.addEnvironment(config.name, [stacks.network, stacks.security, stacks.storage, stacks.workload], [bootstrap]);
  }
  return app;
}

/**
 * The whole app. Environments are validated before the App exists, so a bad environment file
 * stops the synth before anything (not even an output folder) is written.
 */
export function buildApp(inputs: readonly unknown[], appConfig: AppConfig = {}): App {
  const configs = loadEnvironments(inputs);
  return addStacks(new SynthesizeOnceApp(appConfig), configs);
}
