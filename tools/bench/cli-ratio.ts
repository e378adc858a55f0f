import { execFileSync } from "child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "fs";
import * as path from "path";

/*
 * The whole app against a one-resource cdktf app, both through the cdktf CLI (`cdktf synth`) with
 * this project's own `app` command from cdktf.json: what a user waits for, startup included.
 */

const ONE_RESOURCE_APP = `import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";

const app = new App();
const stack = new TerraformStack(app, "baseline");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new S3Bucket(stack, "bucket", { bucket: "baseline" });
app.synth();
`;

function cdktfSynthSeconds(projectDir: string, outdir: string, cli: string): number {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, "synth", "--output", outdir], {
    cwd: projectDir,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" },
    stdio: "pipe",
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median wall seconds of `cdktf synth` for this project and for a one-resource project, over `runs` runs each. */
export function cliSynthRatio(root: string, work: string, runs = 5): { app: number; baseline: number; ratio: number } {
  const baselineDir = path.join(work, "one-resource-project");
  mkdirSync(baselineDir, { recursive: true });
  const config = JSON.parse(readFileSync(path.join(root, "cdktf.json"), "utf8"));
  writeFileSync(path.join(baselineDir, "cdktf.json"), JSON.stringify({ ...config, projectId: "bench-baseline" }, null, 2));
  writeFileSync(path.join(baselineDir, "main.ts"), ONE_RESOURCE_APP);
  writeFileSync(path.join(baselineDir, "tsconfig.json"), readFileSync(path.join(root, "tsconfig.json")));
  symlinkSync(path.join(root, "node_modules"), path.join(baselineDir, "node_modules"), "dir");
  const cli = path.join(root, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");

  const app: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < runs; run++) {
    app.push(cdktfSynthSeconds(root, path.join(work, `cli-app-${run}`), cli));
    baseline.push(cdktfSynthSeconds(baselineDir, path.join(work, `cli-baseline-${run}`), cli));
  }
  return { app: median(app), baseline: median(baseline), ratio: median(app) / median(baseline) };
}
