import { writeFileSync } from "fs";
import { environments } from "../../environments";
import { loadEnvironments } from "../../stacks/app";
import { checkovConfig, checkovSkips } from "../../policy/checkov";
import { PENDING_HARDENING } from "../../policy/pending-hardening";
import { formatSummary, stalePending, summarize } from "../../policy/report";
import { RULES } from "../../policy/rules";
import { evaluateEnvironments } from "../../policy/run";

/**
 * `npm run policy [-- env...] [--checkov <file>]`: runs the policy pack over each environment (all
 * by default), prints a table per environment and exits 1 on a violation. `--checkov` also writes
 * the suppressions as a checkov skip list with their reasons.
 */
function main(): void {
  const args = process.argv.slice(2);
  const checkovAt = args.indexOf("--checkov");
  const checkovFile = checkovAt >= 0 ? args[checkovAt + 1] : undefined;
  if (checkovAt >= 0 && !checkovFile) throw new Error("--checkov needs a file name, e.g. --checkov .checkov.yaml");
  const names = checkovAt >= 0 ? [...args.slice(0, checkovAt), ...args.slice(checkovAt + 2)] : args;

  const configs = loadEnvironments(environments);
  const unknown = names.filter((name) => !configs.some((config) => config.name === name));
  if (unknown.length > 0) throw new Error(`unknown environment ${unknown.join(", ")}; known: ${configs.map((config) => config.name).join(", ")}`);
  const selected = names.length > 0 ? configs.filter((config) => names.includes(config.name)) : configs;

  const evaluations = evaluateEnvironments(selected, RULES);
  const summaries = evaluations.map((evaluation) => summarize(evaluation, RULES, PENDING_HARDENING));
  console.log(summaries.map(formatSummary).join("\n\n"));
  console.log(`\n${RULES.length} rules. Pending hardening (tolerated): ${PENDING_HARDENING.map((entry) => `${entry.rule} (${entry.reason})`).join("; ") || "none"}`);
  const stale = stalePending(evaluations, PENDING_HARDENING);
  if (stale.length > 0) console.log(`pending rules that now pass everywhere (remove them from policy/pending-hardening.ts): ${stale.join(", ")}`);

  if (checkovFile) {
    writeFileSync(checkovFile, checkovConfig(checkovSkips(evaluations, RULES)));
    console.log(`wrote ${checkovFile}`);
  }
  if (summaries.some((summary) => summary.violations.length > 0)) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
