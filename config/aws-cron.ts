/*
 * AWS's six-field cron expressions, shared by Application Auto Scaling, EventBridge, DataSync and
 * AWS Backup: cron(minute hour day-of-month month day-of-week year). Checked field by field, so a
 * mistake fails the synth naming the field instead of failing the apply.
 */

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Day fields: `?` (no value), `L` (last), `W` (weekday) or `#` (nth weekday). */
  readonly special?: "day-of-month" | "day-of-week";
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELDS: readonly FieldRule[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, special: "day-of-month" },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, special: "day-of-week" },
  { name: "year", min: 1970, max: 2199 },
];

export interface CronOptions {
  /** DataSync and AWS Backup run at most hourly: the minute must be a single value. */
  readonly atMostHourly?: boolean;
}

/** Why `expression` is not a valid AWS cron expression, or undefined when it is. */
export function cronProblem(expression: string, options: CronOptions = {}): string | undefined {
  const fields = /^cron\((.*)\)$/.exec(expression)?.[1].split(" ");
  if (!fields || fields.length !== FIELDS.length) return "must be cron(minute hour day-of-month month day-of-week year)";
  for (const [index, rule] of FIELDS.entries()) {
    const problem = fieldProblem(fields[index], rule);
    if (problem) return `${rule.name} ${JSON.stringify(fields[index])} ${problem}`;
  }
  const [minute, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return `needs "?" in exactly one of day-of-month and day-of-week, got ${JSON.stringify(dayOfMonth)} and ${JSON.stringify(dayOfWeek)}`;
  }
  if (options.atMostHourly && !/^\d+$/.test(minute)) return `minute ${JSON.stringify(minute)} must be a single value (at most one run an hour)`;
  return undefined;
}

/** Day fields' forms that name no fixed days: last (`L`, `6L`), nearest weekday (`15W`, `LW`), nth weekday (`2#3`). */
const RELATIVE_DAYS = { "day-of-month": /^(L|LW|\d{1,2}W)$/, "day-of-week": /^(L|\w+L|\w+#[1-5])$/ } as const;
const isRelativeDay = (field: string, rule: FieldRule) => rule.special !== undefined && RELATIVE_DAYS[rule.special].test(field);

/**
 * The values a field selects (`*`, `?`, numbers, names, ranges, steps, lists), in order; undefined
 * when the field is invalid or names days relative to a month (`L`, `W`, `#`).
 */
export function cronFieldValues(name: string, field: string): number[] | undefined {
  const rule = FIELDS.find((candidate) => candidate.name === name);
  if (!rule || fieldProblem(field, rule) || isRelativeDay(field, rule)) return undefined;
  if (field === "?") return range(rule.min, rule.max, 1);
  const values = field.split(",").flatMap((part) => {
    const [span, step = "1"] = part.split("/");
    const [from, to] = span === "*" ? [rule.min, rule.max] : span.split("-").map((bound) => toNumber(bound, rule));
    return range(from, to ?? (part.includes("/") ? rule.max : from), Number(step));
  });
  return [...new Set(values)].sort((a, b) => a - b);
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let value = from; value <= to; value += step) out.push(value);
  return out;
}

function fieldProblem(field: string, rule: FieldRule): string | undefined {
  if (field === "?") return rule.special ? undefined : `"?" is allowed in day-of-month and day-of-week only`;
  if (rule.special === "day-of-month" && isRelativeDay(field, rule)) {
    return field.endsWith("W") && field !== "LW" ? valueProblem(field.slice(0, -1), rule) : undefined;
  }
  if (rule.special === "day-of-week" && isRelativeDay(field, rule)) {
    return field === "L" ? undefined : valueProblem(field.split(/L|#/)[0], rule);
  }
  if (rule.special === "day-of-week" && /^\w+#\d+$/.test(field)) return `has a week number after "#" outside 1-5`;
  if (rule.special === "day-of-week" && field.includes("#")) return `allows one "#" expression on its own`;
  if (rule.special === "day-of-week" && field.includes("/")) return "takes no step (/)";
  for (const part of field.split(",")) {
    const [span, step, extra] = part.split("/");
    if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return "has an invalid step";
    if (step !== undefined && Number(step) > rule.max) return `has a step above ${rule.max}`;
    if (span === "*") continue;
    const bounds = span.split("-");
    if (bounds.length > 2) return "has an invalid range";
    for (const bound of bounds) {
      const problem = valueProblem(bound, rule);
      if (problem) return problem;
    }
    if (bounds.length === 2 && toNumber(bounds[0], rule) > toNumber(bounds[1], rule)) return "has a range that runs backwards";
  }
  return undefined;
}

function valueProblem(text: string, rule: FieldRule): string | undefined {
  const value = toNumber(text, rule);
  if (Number.isInteger(value) && value >= rule.min && value <= rule.max) return undefined;
  const names = rule.names ? ` or ${rule.names[0]}-${rule.names[rule.names.length - 1]}` : "";
  return `is not in ${rule.min}-${rule.max}${names}`;
}

function toNumber(text: string, rule: FieldRule): number {
  const named = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  return named >= 0 ? named + rule.min : /^\d+$/.test(text) ? Number(text) : NaN;
}
