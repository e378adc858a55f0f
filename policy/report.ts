import { Evaluation, Result, Rule } from "./engine";
import { PendingRule } from "./pending-hardening";

export interface RuleSummary {
  readonly rule: string;
  readonly title: string;
  readonly passed: number;
  readonly failed: number;
  readonly suppressed: number;
  readonly notApplicable: number;
  /** Failures tolerated because the rule is on the pending-hardening list. */
  readonly pending: number;
}

export interface EnvironmentSummary {
  readonly environment: string;
  readonly rules: readonly RuleSummary[];
  readonly totals: Omit<RuleSummary, "rule" | "title">;
  /** Failures that stop the synth, and suppression errors. */
  readonly violations: readonly string[];
  readonly suppressions: readonly Result[];
}

const pendingIds = (pending: readonly PendingRule[]) => new Set(pending.map((entry) => entry.rule));

/** What fails the gate: non-pending failures and every suppression error. */
export function violations(evaluation: Evaluation, pending: readonly PendingRule[]): string[] {
  const tolerated = pendingIds(pending);
  return [
    ...evaluation.results
      .filter((result) => result.verdict === "fail" && !tolerated.has(result.rule))
      .map((result) => `${result.rule} ${result.address}: ${result.reason}`),
    ...evaluation.errors,
  ];
}

export function summarize(evaluation: Evaluation, rules: readonly Rule[], pending: readonly PendingRule[]): EnvironmentSummary {
  const tolerated = pendingIds(pending);
  const summaries = rules.map((rule) => {
    const results = evaluation.results.filter((result) => result.rule === rule.id);
    const count = (verdict: Result["verdict"]) => results.filter((result) => result.verdict === verdict).length;
    const failed = count("fail");
    const isPending = tolerated.has(rule.id);
    return {
      rule: rule.id,
      title: rule.title,
      passed: count("pass"),
      failed: isPending ? 0 : failed,
      suppressed: count("suppressed"),
      notApplicable: count("not_applicable"),
      pending: isPending ? failed : 0,
    };
  });
  const total = (field: keyof EnvironmentSummary["totals"]) => summaries.reduce((sum, row) => sum + row[field], 0);
  return {
    environment: evaluation.environment,
    rules: summaries,
    totals: { passed: total("passed"), failed: total("failed"), suppressed: total("suppressed"), notApplicable: total("notApplicable"), pending: total("pending") },
    violations: violations(evaluation, pending),
    suppressions: evaluation.results.filter((result) => result.verdict === "suppressed"),
  };
}

/** Pending rules that fail nowhere: the hardening has landed, take them off the list. */
export function stalePending(evaluations: readonly Evaluation[], pending: readonly PendingRule[]): string[] {
  return pending
    .filter((entry) => !evaluations.some((evaluation) => evaluation.results.some((result) => result.rule === entry.rule && result.verdict === "fail")))
    .map((entry) => entry.rule);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 || column === row.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ").trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

/** The per-environment table `npm run policy` prints. */
export function formatSummary(summary: EnvironmentSummary): string {
  const rows = summary.rules.map((row) => [
    row.rule,
    String(row.passed),
    String(row.failed),
    String(row.suppressed),
    String(row.pending),
    String(row.notApplicable),
    row.title,
  ]);
  const { totals } = summary;
  const lines = [
    `== ${summary.environment}`,
    table(["rule", "passed", "failed", "suppressed", "pending", "n/a", "title"], rows),
    `${summary.environment}: ${totals.passed} passed, ${totals.failed} failed, ${totals.suppressed} suppressed, ${totals.pending} pending, ${totals.notApplicable} not applicable`,
  ];
  if (summary.suppressions.length > 0) {
    lines.push("suppressions:", ...summary.suppressions.map((result) => `  ${result.rule} ${result.address}: ${result.reason}`));
  }
  if (summary.violations.length > 0) {
    lines.push("VIOLATIONS:", ...summary.violations.map((violation) => `  ${violation}`));
  }
  return lines.join("\n");
}
