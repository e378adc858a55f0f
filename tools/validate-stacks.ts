import { existsSync, readdirSync } from "fs";
import * as path from "path";
import { mapLimit, offlineTerraformEnv, terraformUnavailable, validateStack } from "./terraform";

/**
 * `npm run validate [-- <stack>...]`: terraform init (offline mirror, no backend) + validate for
 * the stacks in cdktf.out (all of them by default), with a line per stack. Run `npm run synth` first.
 */
async function main(): Promise<void> {
  const stacksDir = path.resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out", "stacks");
  const unavailable = terraformUnavailable();
  if (unavailable) throw new Error(unavailable);
  if (!existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist: run \`npm run synth\` first`);
  const available = readdirSync(stacksDir).sort();
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((stack) => !available.includes(stack));
  if (unknown.length > 0) throw new Error(`unknown stack(s) ${unknown.join(", ")}; synthesized: ${available.join(", ")}`);
  const stacks = wanted.length > 0 ? wanted : available;

  const env = offlineTerraformEnv();
  const started = Date.now();
  const results = await mapLimit(stacks, 2, async (stack) => {
    const result = await validateStack(path.join(stacksDir, stack), env);
    console.log(`${result.valid ? "valid  " : "INVALID"} ${stack} (${result.seconds.toFixed(1)} s)`);
    return result;
  });
  for (const result of results) {
    for (const diagnostic of result.diagnostics) console.log(`  ${result.stack}: ${diagnostic}`);
  }
  const invalid = results.filter((result) => !result.valid);
  console.log(`${results.length - invalid.length} valid, ${invalid.length} invalid in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`offline Terraform CLI configuration, to run terraform by hand: TF_CLI_CONFIG_FILE=${env.TF_CLI_CONFIG_FILE}`);
  if (invalid.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
