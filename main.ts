import { ConfigError } from "./config/errors";
import { environments } from "./environments";
import { buildApp } from "./stacks/app";

try {
  buildApp(environments).synth();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
