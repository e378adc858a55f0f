import { readdirSync, readFileSync, statSync } from "fs";
import * as path from "path";
import { environments } from "../../environments";
import { buildApp } from "../../stacks/app";
import { stackAddresses } from "../addresses";
import { devWithUsers } from "../scaled-environment";

/*
 * One measured synthesis, run in its own process so wall time and peak memory are its own:
 *   synth-once.ts users <n> <outdir>   the dev environment with n generated users
 *   synth-once.ts app <outdir>         the real app (every environment)
 */
const [mode, ...args] = process.argv.slice(2);
// As main.ts does: cdktf captures a stack trace per token, and mapping them through source maps is costly.
process.setSourceMapsEnabled(false);
const started = process.hrtime.bigint();
let outdir: string;

if (mode === "users") {
  const [count, dir] = args;
  outdir = dir;
  buildApp([devWithUsers(Number(count))], { outdir }).synth();
} else {
  outdir = args[0];
  buildApp(environments, { outdir }).synth();
}

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
let bytes = 0;
let instances = 0;
const stacks = readdirSync(path.join(outdir, "stacks"));
for (const stack of stacks) {
  const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
  bytes += statSync(file).size;
  // Resource instances, as the address contract counts them (outputs aside).
  instances += stackAddresses(JSON.parse(readFileSync(file, "utf8"))).filter((address) => !address.startsWith("output.")).length;
}
process.stdout.write(
  JSON.stringify({ seconds, peakMemoryMb: process.resourceUsage().maxRSS / 1024, bytes, instances, stacks: stacks.length }) + "\n",
);
