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

beforeEach(() => {
  datasync.reset();
  datasync.on(DescribeTaskCommand).resolves({ TaskArn: TASK_ARN, Status: "AVAILABLE" });
  datasync.on(StartTaskExecutionCommand).resolves({ TaskExecutionArn: `${TASK_ARN}/execution/exec-0123456789abcdef0` });
});

describe("DataSync trigger", () => {
  it("includes the full key of a file in nested folders, spaces decoded", async () => {
    const result = await handler(batch("uploads/alice/survey+2024/wave+1/responses+final.csv"));
    expect(result.batchItemFailures).toEqual([]);
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/alice/survey 2024/wave 1/responses final.csv" }]]);
  });

  it("decodes special characters and keeps a literal plus", async () => {
    await handler(batch("uploads/bob/r%26d/%C3%A9t%C3%A9+%282%29/a%2Bb.csv"));
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/bob/r&d/été (2)/a+b.csv" }]]);
  });

  it("coalesces a batch into one execution with one filter, duplicates removed", async () => {
    const result = await handler(batch("uploads/alice/a.csv", "uploads/bob/deep/er/b.csv", "uploads/alice/a.csv"));
    expect(result.batchItemFailures).toEqual([]);
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/alice/a.csv|/bob/deep/er/b.csv" }]]);
  });

  it("starts again after an execution has finished (DescribeTask keeps naming the last one)", async () => {
    datasync.on(DescribeTaskCommand).resolves({ Status: "AVAILABLE", CurrentTaskExecutionArn: `${TASK_ARN}/execution/exec-1` });
    const first = await handler(batch("uploads/alice/a.csv"));
    const second = await handler(batch("uploads/bob/b.csv"));
    expect([first.batchItemFailures, second.batchItemFailures]).toEqual([[], []]);
    expect(startedFilters()).toEqual([
      [{ FilterType: "SIMPLE_PATTERN", Value: "/alice/a.csv" }],
      [{ FilterType: "SIMPLE_PATTERN", Value: "/bob/b.csv" }],
    ]);
  });

  it("lets DataSync queue the execution while another one runs", async () => {
    datasync.on(DescribeTaskCommand).resolves({ Status: "RUNNING", CurrentTaskExecutionArn: `${TASK_ARN}/execution/exec-1` });
    const result = await handler(batch("uploads/alice/a.csv", "uploads/bob/b.csv"));
    expect(result.batchItemFailures).toEqual([]);
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/alice/a.csv|/bob/b.csv" }]]);
  });

  it("leaves every upload in the queue when DataSync refuses the start because the task is busy", async () => {
    datasync.on(StartTaskExecutionCommand).rejects(new InvalidRequestException({ message: "task is running", $metadata: {} }));
    datasync.on(DescribeTaskCommand).resolves({ Status: "RUNNING" });
    const result = await handler(batch("uploads/alice/a.csv", "uploads/bob/b.csv"));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "m0" }, { itemIdentifier: "m1" }]);
    expect(startedFilters()).toHaveLength(1);
  });

  it("holds back only the upload whose key DataSync refuses, starting the others on their own", async () => {
    datasync
      .on(StartTaskExecutionCommand)
      .callsFake(async (input: { Includes: { Value: string }[] }) => {
        if (input.Includes[0].Value.includes("bad")) throw new InvalidRequestException({ message: "invalid filter", $metadata: {} });
        return { TaskExecutionArn: `${TASK_ARN}/execution/exec-2` };
      });
    const result = await handler(batch("uploads/alice/a.csv", "uploads/bob/bad.csv", "uploads/carol/c.csv"));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "m1" }]);
    expect(startedFilters().map((includes) => includes[0].Value)).toEqual([
      "/alice/a.csv|/bob/bad.csv|/carol/c.csv",
      "/alice/a.csv",
      "/bob/bad.csv",
      "/carol/c.csv",
    ]);
  });

  it("fails the whole batch on other errors, so Lambda retries it", async () => {
    datasync.on(StartTaskExecutionCommand).rejects(new Error("throttled"));
    await expect(handler(batch("uploads/alice/a.csv"))).rejects.toThrow("throttled");
  });

  it("ignores folder markers and keys outside the synced prefix, and reports unreadable messages", async () => {
    const events = batch("uploads/alice/", "athena-results/x.csv");
    events.Records.push({ messageId: "bad", body: "{not json" });
    const result = await handler(events);
    expect(startedFilters()).toEqual([]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "bad" }]);
  });

  it("accepts classic S3 notifications too", async () => {
    const body = JSON.stringify({ Records: [{ s3: { object: { key: "uploads/carol/x+y/z.csv" } } }] });
    await handler({ Records: [{ messageId: "c", body }] });
    expect(startedFilters()).toEqual([[{ FilterType: "SIMPLE_PATTERN", Value: "/carol/x y/z.csv" }]]);
  });

  it("starts what fits in one filter and leaves the rest for the next delivery", async () => {
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
    ["uploads/a/pipe|name.csv", "/a/pipe*name.csv"],
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
