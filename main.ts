import { ConfigError } from "./config/errors";
import { environments } from "./environments";
import { buildApp } from "./stacks/app";

// cdktf records a stack trace for every token it creates; mapping each one through source maps
// takes longer than building the stacks. Source maps come back on for a real error's trace.
process.setSourceMapsEnabled(false);
try {
  buildApp(environments).synth();
} catch (error) {
  process.setSourceMapsEnabled(true);
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
