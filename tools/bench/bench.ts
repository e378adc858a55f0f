import { execFileSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { offlineTerraformEnv, terraformUnavailable, validateStack } from "../terraform";
import { cliSynthRatio } from "./cli-ratio";

/**
 * `npm run bench`: how synthesis scales with the number of data scientists (10, 100, 500, 1000
 * users in one environment), terraform validate of the largest stack, and `cdktf synth` of the whole
 * app against a one-resource cdktf app. Each synthesis runs in its own Node process.
 */
interface Measurement {
  seconds: number;
  peakMemoryMb: number;
  bytes: number;
  instances: number;
  stacks: number;
}

const root = path.resolve(__dirname, "../..");
const work = mkdtempSync(path.join(os.tmpdir(), "rstudio-bench-"));

function synth(...args: string[]): Measurement {
  const started = Date.now();
  const out = execFileSync(process.execPath, ["--require", "tsx/cjs", path.join(__dirname, "synth-once.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { ...JSON.parse(out), processSeconds: (Date.now() - started) / 1000 } as Measurement & { processSeconds: number };
}

async function main(): Promise<void> {
  const rows: string[][] = [["users", "process s", "synth s", "peak MB", "JSON KB", "resources", "s per 100 users"]];
  let largest = "";
  let previous: { users: number; seconds: number } | undefined;
  for (const users of [10, 100, 500, 1000]) {
    const outdir = path.join(work, `users-${users}`);
    const m = synth("users", String(users), outdir) as Measurement & { processSeconds: number };
    const slope = previous ? ((m.seconds - previous.seconds) / (users - previous.users)) * 100 : NaN;
    rows.push([String(users), m.processSeconds.toFixed(1), m.seconds.toFixed(2), m.peakMemoryMb.toFixed(0), (m.bytes / 1024).toFixed(0), String(m.instances), Number.isNaN(slope) ? "-" : slope.toFixed(3)]);
    previous = { users, seconds: m.seconds };
    largest = outdir;
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(rows.map((r) => r.map((cell, c) => cell.padStart(widths[c])).join("  ")).join("\n"));

  if (!terraformUnavailable()) {
    for (const stack of ["dev-security", "dev-workload"]) {
      const result = await validateStack(path.join(largest, "stacks", stack), offlineTerraformEnv(work));
      console.log(`terraform init + validate, ${stack} with 1000 users: ${result.seconds.toFixed(1)} s (${result.valid ? "valid" : "INVALID"})`);
    }
  }

  const app = synth("app", path.join(work, "app")) as Measurement & { processSeconds: number };
  const cli = cliSynthRatio(root, work);
  console.log(
    `cdktf synth (median of 5): whole app (${app.stacks} stacks) ${cli.app.toFixed(1)} s; one-resource app ${cli.baseline.toFixed(1)} s; ratio ${cli.ratio.toFixed(2)}x`,
  );
  rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
