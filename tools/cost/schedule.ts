import { cronFieldValues } from "../../config/aws-cron";

/*
 * Running hours per month of a service started and stopped by Application Auto Scaling scheduled
 * actions: the week is simulated minute by minute (twice, so the state at the start of the second
 * week follows from the first) and scaled to an average month. Time zones and daylight saving do
 * not change the number of hours, so they are ignored.
 */

/** AWS's average month: 365 days x 24 h / 12. */
export const HOURS_PER_MONTH = 730;
const MINUTES_PER_WEEK = 7 * 24 * 60;
const WEEKS_PER_MONTH = HOURS_PER_MONTH / (7 * 24);

export interface ScheduledAction {
  /** `cron(minute hour day-of-month month day-of-week year)`. */
  readonly schedule: string;
  /** Tasks the action scales the service to (0 stops it). */
  readonly capacity: number;
}

export interface ScheduleHours {
  /** Hours per month the service runs at the capacity it starts with (`capacity` > 0). */
  readonly runningHours: number;
  /** Scheduled starts per month (a start action that finds the service stopped). */
  readonly startsPerMonth: number;
}

/** Hours per month of a service driven by `actions`; always on when there are none. */
export function scheduleHours(actions: readonly ScheduledAction[]): ScheduleHours {
  if (actions.length === 0) return { runningHours: HOURS_PER_MONTH, startsPerMonth: 0 };
  const firing = actions.map((action) => ({ capacity: action.capacity, minutes: new Set(fireMinutes(action.schedule)) }));
  let running = false;
  let runningMinutes = 0;
  let starts = 0;
  for (let minute = 0; minute < 2 * MINUTES_PER_WEEK; minute++) {
    const secondWeek = minute >= MINUTES_PER_WEEK;
    for (const action of firing) {
      if (!action.minutes.has(minute % MINUTES_PER_WEEK)) continue;
      const nowRunning = action.capacity > 0;
      if (nowRunning && !running && secondWeek) starts++;
      running = nowRunning;
    }
    if (running && secondWeek) runningMinutes++;
  }
  return { runningHours: (runningMinutes / 60) * WEEKS_PER_MONTH, startsPerMonth: starts * WEEKS_PER_MONTH };
}

/** Minutes of the week (0 = Sunday 00:00) at which a cron expression fires. */
export function fireMinutes(schedule: string): number[] {
  const fields = /^cron\((.*)\)$/.exec(schedule.trim())?.[1].split(/\s+/);
  if (!fields || fields.length !== 6) throw scheduleError(schedule, "expected cron(minute hour day-of-month month day-of-week year)");
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields;
  for (const [name, field] of [["day-of-month", dayOfMonth], ["month", month], ["year", year]] as const) {
    if (field !== "*" && field !== "?") throw scheduleError(schedule, `${name} must be * or ? for a weekly estimate, got "${field}"`);
  }
  const values = (name: string, field: string) => {
    const selected = cronFieldValues(name, field);
    if (!selected) throw scheduleError(schedule, `${name} "${field}" is not a list, range or step of valid values`);
    return selected;
  };
  const minutes = values("minute", minute);
  const hours = values("hour", hour);
  // day-of-week 1 is Sunday.
  const days = values("day-of-week", dayOfWeek).map((day) => day - 1);
  return days.flatMap((day) => hours.flatMap((h) => minutes.map((m) => day * 24 * 60 + h * 60 + m)));
}

function scheduleError(schedule: string, rule: string): Error {
  return new Error(`cost: cannot read the schedule ${JSON.stringify(schedule)}: ${rule}`);
}
