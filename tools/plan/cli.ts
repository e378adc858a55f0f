import * as path from "path";
import { environments } from "../../environments";
import { planOffline, summaryTable } from "./harness";

/**
 * `npm run plan:offline -- [env...]`: terraform plan of every stack of the given environments (all
 * by default) without AWS credentials or network. Plans are kept in .offline-plan/stacks/<stack>/plan.json.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const plans = await planOffline({
    inputs: environments,
    only: process.argv.slice(2),
    workDir: path.resolve(process.env.OFFLINE_PLAN_DIR ?? ".offline-plan"),
    concurrency: Number(process.env.OFFLINE_PLAN_CONCURRENCY ?? 2),
    log: (line) => console.log(line),
  });
  console.log(`\n${summaryTable(plans)}\n`);
  const failed = plans.filter((plan) => !plan.ok);
  console.log(`${plans.length - failed.length} planned, ${failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed.length > 0) {
    console.error(`failed: ${failed.map((plan) => plan.stack).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
