import { cronFieldValues, cronProblem } from "../config/aws-cron";
import { loadEnvironment } from "../config/load";
import { minimalInput } from "./support/environment";

describe("AWS cron expressions", () => {
  it.each([
    "cron(0 7 ? * MON-FRI *)",
    "cron(0 20 * * ? *)",
    "cron(*/15 8-18 ? * 2-6 *)",
    "cron(0 3 L * ? *)",
    "cron(0 3 LW * ? *)",
    "cron(0 3 15W * ? *)",
    "cron(0 3 ? * 6L *)",
    "cron(0 3 ? * 2#3 *)",
    "cron(0 7 ? JAN-MAR,OCT MON-FRI 2026-2030)",
    "cron(0,30 9 1 * ? *)",
  ])("accepts %s", (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  it.each([
    ["cron(0 7 * * *)", "must be cron(minute hour day-of-month month day-of-week year)"],
    ["0 7 * * ? *", "must be cron(minute hour day-of-month month day-of-week year)"],
    ["cron(60 7 * * ? *)", 'minute "60" is not in 0-59'],
    ["cron(0 25 * * ? *)", 'hour "25" is not in 0-23'],
    ["cron(0 7 0 * ? *)", 'day-of-month "0" is not in 1-31'],
    ["cron(0 7 32W * ? *)", 'day-of-month "32W" is not in 1-31'],
    ["cron(0 7 ? 13 MON *)", 'month "13" is not in 1-12 or JAN-DEC'],
    ["cron(0 7 ? * MON-FRX *)", 'day-of-week "MON-FRX" is not in 1-7 or SUN-SAT'],
    ["cron(0 7 ? * 2#6 *)", 'day-of-week "2#6" has a week number after "#" outside 1-5'],
    ["cron(0 7 ? * 9#2 *)", 'day-of-week "9#2" is not in 1-7 or SUN-SAT'],
    ["cron(0 7 ? * FRI-MON *)", 'day-of-week "FRI-MON" has a range that runs backwards'],
    ["cron(0 7 * * ? 1969)", 'year "1969" is not in 1970-2199'],
    ["cron(0/0 7 * * ? *)", 'minute "0/0" has an invalid step'],
    ["cron(0 1-2-3 * * ? *)", 'hour "1-2-3" has an invalid range'],
    ["cron(? 7 * * ? *)", 'minute "?" "?" is allowed in day-of-month and day-of-week only'],
    ["cron(0 7 * * MON-FRI *)", 'needs "?" in exactly one of day-of-month and day-of-week, got "*" and "MON-FRI"'],
    ["cron(0 7 ? * ? *)", 'needs "?" in exactly one of day-of-month and day-of-week, got "?" and "?"'],
    ["cron(0 8 ? * 2-6/2 *)", 'day-of-week "2-6/2" takes no step (/)'],
    ["cron(0 8 ? * 3#1,6#3 *)", 'day-of-week "3#1,6#3" allows one "#" expression on its own'],
    ["cron(0/60 8 * * ? *)", 'minute "0/60" has a step above 59'],
    ["cron(0 0/25 * * ? *)", 'hour "0/25" has a step above 23'],
  ])("refuses %s: %s", (expression, problem) => {
    expect(cronProblem(expression)).toBe(problem);
  });

  it.each([
    ["minute", "0/20", [0, 20, 40]],
    ["minute", "*/30", [0, 30]],
    ["hour", "8-10,9", [8, 9, 10]],
    ["day-of-week", "MON-FRI", [2, 3, 4, 5, 6]],
    ["day-of-week", "WED", [4]],
    ["day-of-week", "?", [1, 2, 3, 4, 5, 6, 7]],
    ["day-of-week", "6L", undefined],
    ["day-of-month", "15W", undefined],
    ["hour", "25", undefined],
  ])("reads %s %s as the values it selects", (name, field, values) => {
    expect(cronFieldValues(name, field)).toEqual(values);
  });

  it("holds DataSync and Backup schedules to at most one run an hour", () => {
    expect(cronProblem("cron(*/15 * * * ? *)", { atMostHourly: true })).toBe('minute "*/15" must be a single value (at most one run an hour)');
    expect(cronProblem("cron(15 * * * ? *)", { atMostHourly: true })).toBeUndefined();
  });

  it.each([
    [{ rstudio: { schedule: { timezone: "UTC", start: "cron(0 7 ? * MON-FRI *)", stop: "cron(0 19 * * MON-FRI *)" } } }, "`rstudio.schedule.stop` must be a valid AWS cron expression: needs \"?\" in exactly one of day-of-month and day-of-week"],
    [{ rstudio: { schedule: { timezone: "UTC", start: "cron(0 24 ? * MON-FRI *)", stop: "cron(0 19 * * ? *)" } } }, "`rstudio.schedule.start` must be a valid AWS cron expression: hour \"24\" is not in 0-23"],
    [{ dataSync: { schedule: "rate(5 minutes)" } }, "`dataSync.schedule` must be rate(N hours|days) or a valid AWS cron expression: must be cron("],
    [{ dataSync: { schedule: "cron(*/10 * * * ? *)" } }, "`dataSync.schedule` must be rate(N hours|days) or a valid AWS cron expression: minute \"*/10\" must be a single value"],
    [{ backup: { schedule: "cron(0 3 * * * *)" } }, "`backup.schedule` must be a valid AWS cron expression: needs \"?\" in exactly one"],
  ])("names the environment field and the value: %j", (settings, message) => {
    expect(() => loadEnvironment({ ...minimalInput(), ...settings })).toThrow(message);
  });

  it.each(["rate(1 hour)", "rate(2 hours)", "rate(1 day)", "rate(30 days)"])("keeps %s for DataSync", (schedule) => {
    expect(loadEnvironment({ ...minimalInput(), dataSync: { schedule } }).dataSync.schedule).toBe(schedule);
  });

  it.each(["rate(1 hours)", "rate(2 hour)", "rate(1 days)", "rate(0 hours)"])("refuses %s (one takes the singular, more the plural)", (schedule) => {
    expect(() => loadEnvironment({ ...minimalInput(), dataSync: { schedule } })).toThrow("`dataSync.schedule` must be rate(N hours|days) or a valid AWS cron expression");
  });

  it.each(["Europe/Londn", "Mars/Olympus_Mons"])("refuses the time zone %s by name", (timezone) => {
    const schedule = { timezone, start: "cron(0 7 ? * MON-FRI *)", stop: "cron(0 20 * * ? *)" };
    expect(() => loadEnvironment({ ...minimalInput(), rstudio: { schedule } })).toThrow(
      `\`rstudio.schedule.timezone\` is not an IANA time zone name (such as Europe/London or UTC), got: "${timezone}"`,
    );
  });

  it.each(["Europe/London", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5"])("accepts the time zone %s", (timezone) => {
    const schedule = { timezone, start: "cron(0 7 ? * MON-FRI *)", stop: "cron(0 20 * * ? *)" };
    expect(loadEnvironment({ ...minimalInput(), rstudio: { schedule } }).rstudio.schedule?.timezone).toBe(timezone);
  });
});
