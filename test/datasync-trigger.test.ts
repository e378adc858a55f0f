import { mockClient } from "aws-sdk-client-mock";
import { DataSyncClient, DescribeTaskCommand, InvalidRequestException, StartTaskExecutionCommand } from "@aws-sdk/client-datasync";
import { includeFilters, includePattern, MAX_FILTER_LENGTH, SqsBatch } from "../functions/datasync-trigger/trigger";

const TASK_ARN = "arn:aws:datasync:eu-west-1:111111111111:task/task-0123456789abcdef0";
type Includes = { FilterType: string; Value: string }[];
process.env.TASK_ARN = TASK_ARN;
process.env.SOURCE_PREFIX = "uploads/";

const datasync = mockClient(DataSyncClient);
// The real entry point, bound to the SDK client that aws-sdk-client-mock intercepts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler } = require("../functions/datasync-trigger/index") as { handler: (event: SqsBatch) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }> };

/** An S3 "Object Created" event as EventBridge delivers it (keys URL-encoded, as S3 sends them). */
function uploadEvent(encodedKey: string) {
  return {
    version: "0",
    "detail-type": "Object Created",
    source: "aws.s3",
    account: "111111111111",
    region: "eu-west-1",
    resources: ["arn:aws:s3:::rs-data-111111111111-eu-west-1"],
    detail: { version: "0", bucket: { name: "rs-data-111111111111-eu-west-1" }, object: { key: encodedKey, size: 5 }, reason: "PutObject" },
  };
}

const batch = (...keys: string[]): SqsBatch => ({
  Records: keys.map((key, index) => ({ messageId: `m${index}`, body: JSON.stringify(uploadEvent(key)) })),
});

const startedFilters = () => datasync.commandCalls(StartTaskExecutionCommand).map((call) => call.args[0].input.Includes as Includes);

/**
 * DataSync as its documentation describes it: a task runs one execution at a time (a start while
 * one is queued or running is refused), and `*` is a wildcard only as a pattern's last character.
 */
function fakeDataSync(options: { status?: string; refuses?: (pattern: string) => boolean } = {}) {
  const task = { status: options.status ?? "AVAILABLE" };
  datasync.on(DescribeTaskCommand).callsFake(async () => ({ TaskArn: TASK_ARN, Status: task.status, CurrentTaskExecutionArn: `${TASK_ARN}/execution/exec-1` }));
  datasync.on(StartTaskExecutionCommand).callsFake(async (input: { Includes: Includes }) => {
    if (task.status !== "AVAILABLE") throw new InvalidRequestException({ message: "the task already has an execution", $metadata: {} });
    const patterns = input.Includes[0].Value.split("|");
    if (patterns.some((pattern) => /\*./.test(pattern) || options.refuses?.(pattern))) {
      throw new InvalidRequestException({ message: "invalid include filter", $metadata: {} });
    }
    task.status = "RUNNING";
    return { TaskExecutionArn: `${TASK_ARN}/execution/exec-2` };
  });
  return { finish: () => (task.status = "AVAILABLE") };
}

const failedIds = (result: { batchItemFailures: { itemIdentifier: string }[] }) => result.batchItemFailures.map((failure) => failure.itemIdentifier);

beforeEach(() => {
  datasync.reset();
  // The function logs every decision as JSON for CloudWatch; the tests judge its results, not its log lines.
  jest.spyOn(console, "log").mockImplementation(() => undefined);
  jest.spyOn(console, "error").mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe("DataSync trigger", () => {
  it("includes the full key of a file in nested folders, spaces decoded", async () => {
    fakeDataSync();
    const result = await handler(batch("uploads/alice/survey+2024/wave+1/responses+final.csv"));
    expect(result.batchItemFailures).toEqual([]);
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/alice/survey 2024/wave 1/responses final.csv" }]]);
  });

  it("decodes special characters and keeps a literal plus", async () => {
    fakeDataSync();
    await handler(batch("uploads/bob/r%26d/%C3%A9t%C3%A9+%282%29/a%2Bb.csv"));
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/bob/r&d/été (2)/a+b.csv" }]]);
  });

  it("coalesces a batch into one execution with one filter, duplicates removed", async () => {
    fakeDataSync();
    const result = await handler(batch("uploads/alice/a.csv", "uploads/bob/deep/er/b.csv", "uploads/alice/a.csv"));
    expect(result.batchItemFailures).toEqual([]);
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/alice/a.csv|/bob/deep/er/b.csv" }]]);
  });

  it("starts keys with a pipe or a star in a form DataSync accepts", async () => {
    fakeDataSync();
    const result = await handler(batch("uploads/alice/a%7Cb.csv", "uploads/bob/st*r/c.csv"));
    expect(result.batchItemFailures).toEqual([]);
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/alice/a*|/bob/st*" }]]);
  });

  it("starts again after an execution has finished (DescribeTask keeps naming the last one)", async () => {
    const task = fakeDataSync();
    const first = await handler(batch("uploads/alice/a.csv"));
    task.finish();
    const second = await handler(batch("uploads/bob/b.csv"));
    expect([first.batchItemFailures, second.batchItemFailures]).toEqual([[], []]);
    expect(startedFilters()).toEqual([
      [{ FilterType: "SIMPLE_PATTERN", Value: "/alice/a.csv" }],
      [{ FilterType: "SIMPLE_PATTERN", Value: "/bob/b.csv" }],
    ]);
  });

  it.each(["QUEUED", "RUNNING"])("leaves every upload in the queue while an execution is %s", async (status) => {
    const task = fakeDataSync({ status });
    const result = await handler(batch("uploads/alice/a.csv", "uploads/bob/b.csv"));
    expect(failedIds(result)).toEqual(["m0", "m1"]);
    expect(startedFilters()).toHaveLength(1);
    // Delivered again once the running execution has finished: both start together.
    task.finish();
    expect((await handler(batch("uploads/alice/a.csv", "uploads/bob/b.csv"))).batchItemFailures).toEqual([]);
  });

  it("holds back only the upload whose key DataSync refuses, while the others start on later deliveries", async () => {
    const task = fakeDataSync({ refuses: (pattern) => pattern.includes("bad") });
    const first = await handler(batch("uploads/alice/a.csv", "uploads/bob/bad.csv", "uploads/carol/c.csv"));
    // Alice's upload starts; with the task busy, Bob's and Carol's wait for their next delivery.
    expect(failedIds(first)).toEqual(["m1", "m2"]);
    task.finish();
    const second = await handler(batch("uploads/bob/bad.csv", "uploads/carol/c.csv"));
    expect(failedIds(second)).toEqual(["m0"]);
    expect(startedFilters().map((includes) => includes[0].Value)).toEqual([
      "/alice/a.csv|/bob/bad.csv|/carol/c.csv",
      "/alice/a.csv",
      "/bob/bad.csv|/carol/c.csv",
      "/bob/bad.csv",
      "/carol/c.csv",
    ]);
  });

  it("fails the whole batch on other errors, so Lambda retries it", async () => {
    fakeDataSync();
    datasync.on(StartTaskExecutionCommand).rejects(new Error("throttled"));
    await expect(handler(batch("uploads/alice/a.csv"))).rejects.toThrow("throttled");
  });

  it("ignores folder markers and keys outside the synced prefix, and reports unreadable messages", async () => {
    fakeDataSync();
    const events = batch("uploads/alice/", "athena-results/x.csv");
    events.Records.push({ messageId: "bad", body: "{not json" });
    const result = await handler(events);
    expect(startedFilters()).toEqual([]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "bad" }]);
  });

  it("accepts classic S3 notifications too", async () => {
    fakeDataSync();
    const body = JSON.stringify({ Records: [{ s3: { object: { key: "uploads/carol/x+y/z.csv" } } }] });
    await handler({ Records: [{ messageId: "c", body }] });
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/carol/x y/z.csv" }]]);
  });

  it("starts what fits in one filter and leaves the rest for the next delivery", async () => {
    fakeDataSync();
    const long = (i: number) => `uploads/alice/${String(i).padStart(5, "0")}-${"x".repeat(1000)}.csv`;
    const events = batch(...Array.from({ length: 110 }, (_, i) => long(i)));
    const result = await handler(events);
    const [filter] = startedFilters() as { Value: string }[][];
    expect(filter[0].Value.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
    const started = filter[0].Value.split("|").length;
    expect(started).toBeGreaterThan(90);
    expect(result.batchItemFailures).toHaveLength(110 - started);
  });
});

describe("include patterns", () => {
  it.each([
    ["uploads/a/b/c.csv", "/a/b/c.csv"],
    ["uploads/a/pipe|name.csv", "/a/pipe*"],
    ["uploads/a/star*name|x.csv", "/a/star*"],
    ["uploads/|leading.csv", "/*"],
    ["uploads/", undefined],
    ["uploads/a/", undefined],
    ["other/a.csv", undefined],
  ])("%s -> %s", (key, pattern) => {
    expect(includePattern(key, "uploads/")).toBe(pattern);
  });

  it("splits filters at DataSync's length limit", () => {
    const patterns = Array.from({ length: 300 }, (_, i) => `/${"p".repeat(999)}${String(i).padStart(3, "0")}`);
    const filters = includeFilters(patterns);
    expect(filters.length).toBeGreaterThan(1);
    expect(filters.every((f) => f.length <= MAX_FILTER_LENGTH)).toBe(true);
    expect(filters.flatMap((f) => f.split("|")).sort()).toEqual([...patterns].sort());
  });
});
