import { App } from "cdktf";
import { ConfigError } from "../config/errors";
import { EnvironmentConfig, loadEnvironment } from "../config/load";
import { BootstrapStack } from "./bootstrap-stack";
import { addEnvironment } from "./environment";

/**
 * Validates every environment first, then builds its stacks, so a bad environment file stops the
 * synth before any Terraform is written.
 */
export function loadEnvironments(inputs: readonly unknown[]): EnvironmentConfig[] {
  const configs = inputs.map((input) => loadEnvironment(input));
  const names = new Set<string>();
  for (const config of configs) {
    if (names.has(config.name)) {
      throw new ConfigError(config.name, [`\`name\` is used by another environment, got: "${config.name}"`]);
    }
    names.add(config.name);
  }
  return configs;
}

export function buildApp(app: App, inputs: readonly unknown[]): App {
  const configs = loadEnvironments(inputs);
  new BootstrapStack(app, "bootstrap", { environments: configs });
  for (const config of configs) {
    addEnvironment(app, config);
  }
  return app;
}
