import { environments } from "../../environments";
import { loadEnvironments } from "../../stacks/app";
import { EnvironmentConfig } from "../../config/load";
import { CostReport, estimateEnvironment } from "./estimate";
import { renderReport } from "./render";

/*
 * `npm run cost -- [environment ...] [--json]`: the monthly estimate of each named environment
 * (every environment when none is named), as Markdown or, with --json, as one JSON document.
 */

export function selectEnvironments(all: readonly EnvironmentConfig[], names: readonly string[]): EnvironmentConfig[] {
  if (names.length === 0) return [...all];
  return names.map((name) => {
    const config = all.find((candidate) => candidate.name === name);
    if (!config) throw new Error(`unknown environment "${name}"; environments: ${all.map((candidate) => candidate.name).join(", ")}`);
    return config;
  });
}

export function runCost(args: readonly string[]): string {
  const json = args.includes("--json");
  const unknownFlag = args.find((arg) => arg.startsWith("-") && arg !== "--json");
  if (unknownFlag) throw new Error(`unknown option "${unknownFlag}"; usage: npm run cost -- [environment ...] [--json]`);
  const selected = selectEnvironments(loadEnvironments(environments), args.filter((arg) => !arg.startsWith("-")));
  const reports: CostReport[] = selected.map((config) => estimateEnvironment(config));
  return json ? JSON.stringify(reports, null, 2) : reports.map(renderReport).join("\n\n");
}

if (require.main === module) {
  try {
    process.stdout.write(`${runCost(process.argv.slice(2))}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
