"use strict";

/*
 * Starts the "on upload" DataSync task for the objects named in a batch of SQS messages, each an
 * S3 "Object Created" event delivered by EventBridge. Nothing an upload announces is dropped:
 * - coalesce: the event source mapping hands over up to 100 events gathered over a batching window,
 *   and they become one task execution with one include filter;
 * - retry: a task runs one execution at a time, so while one is queued or running DataSync refuses
 *   the start; then every message of the batch is reported as a failure and SQS delivers it again
 *   after the visibility timeout;
 * - isolate: if DataSync refuses the filter itself, messages are started one at a time: one that is
 *   refused fails alone (and reaches the dead-letter queue after maxReceiveCount deliveries); once
 *   one has started, the others wait for their next delivery, as the task is then busy;
 * - the scheduled task (hourly by default) copies anything still missing, such as the files of an
 *   execution that started but failed.
 */

/** DataSync's limit on the length of one filter value. */
const MAX_FILTER_LENGTH = 102400;
/** DescribeTask's Status while the task has an execution queued or running (CurrentTaskExecutionArn stays set after it ends). */
const BUSY_STATUSES = new Set(["QUEUED", "RUNNING"]);

/** S3 URL-encodes keys in event notifications ("red flower.jpg" arrives as "red+flower.jpg"). */
function decodeKey(encoded) {
  const spaced = encoded.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The object key of one SQS message body: an EventBridge S3 event or a classic S3 notification. */
function objectKeysOf(body) {
  const event = JSON.parse(body);
  if (event && event.detail && event.detail.object && typeof event.detail.object.key === "string") {
    return [decodeKey(event.detail.object.key)];
  }
  if (event && Array.isArray(event.Records)) {
    return event.Records.filter((r) => r.s3 && r.s3.object).map((r) => decodeKey(r.s3.object.key));
  }
  throw new Error("not an S3 object event");
}

/**
 * The DataSync include pattern of one key, relative to the task's source location (`prefix`).
 * The full key is kept, folders and all: a file in a nested folder must sync too. `|` separates
 * patterns in a filter and `*` is a wildcard DataSync accepts only as a pattern's last character,
 * so a key containing either is matched by its part before it followed by `*` (the key and, at
 * worst, a few neighbours). Keys outside the prefix, and folder markers, sync nothing.
 */
function includePattern(key, prefix) {
  if (!key.startsWith(prefix) || key.endsWith("/") || key.length === prefix.length) return undefined;
  const pattern = `/${key.slice(prefix.length)}`;
  const special = pattern.search(/[|*]/);
  return special === -1 ? pattern : `${pattern.slice(0, special)}*`;
}

/** Patterns joined with `|`, split into filter values that DataSync accepts. */
function includeFilters(patterns) {
  const filters = [];
  let current = "";
  for (const pattern of [...new Set(patterns)].sort()) {
    const next = current ? `${current}|${pattern}` : pattern;
    if (next.length > MAX_FILTER_LENGTH && current) {
      filters.push(current);
      current = pattern;
    } else {
      current = next;
    }
  }
  if (current) filters.push(current);
  return filters;
}

/**
 * @param client {describeTask, startTaskExecution} bound to DataSync
 * @param settings {taskArn, prefix} the task and the key prefix its source location reads
 */
function createTrigger(client, settings) {
  const start = (filter) => client.startTaskExecution({ TaskArn: settings.taskArn, Includes: [{ FilterType: "SIMPLE_PATTERN", Value: filter }] });
  const refused = (error) => error && error.name === "InvalidRequestException";
  const log = (entry) => console.log(JSON.stringify(entry));

  return async function handler(event) {
    const records = event.Records || [];
    const patternsByMessage = new Map();
    const failed = new Set();
    for (const record of records) {
      try {
        const patterns = objectKeysOf(record.body).map((key) => includePattern(key, settings.prefix)).filter(Boolean);
        if (patterns.length > 0) patternsByMessage.set(record.messageId, patterns);
      } catch (error) {
        console.error(JSON.stringify({ message: "unreadable event", messageId: record.messageId, error: String(error) }));
        failed.add(record.messageId);
      }
    }
    const failures = () => ({ batchItemFailures: records.filter((r) => failed.has(r.messageId)).map((r) => ({ itemIdentifier: r.messageId })) });
    if (patternsByMessage.size === 0) return failures();

    const [filter] = includeFilters([...patternsByMessage.values()].flat());
    const waitForRedelivery = (messageIds, status, error) => {
      log({ message: "task busy, uploads wait in the queue", status, error: String(error) });
      for (const messageId of messageIds) failed.add(messageId);
      return failures();
    };
    try {
      // One execution per call; patterns beyond one filter (more than 100 KiB of names) wait for the retry.
      const started = await start(filter);
      const inFilter = new Set(filter.split("|"));
      for (const [messageId, patterns] of patternsByMessage) {
        if (patterns.some((pattern) => !inFilter.has(pattern))) failed.add(messageId);
      }
      log({ message: "sync started", execution: started.TaskExecutionArn, files: inFilter.size });
      return failures();
    } catch (error) {
      if (!refused(error)) throw error;
      const { Status } = await client.describeTask({ TaskArn: settings.taskArn });
      if (BUSY_STATUSES.has(Status)) return waitForRedelivery(patternsByMessage.keys(), Status, error);
      log({ message: "filter refused, starting message by message", error: String(error) });
    }

    const pending = [...patternsByMessage];
    while (pending.length > 0) {
      const [messageId, patterns] = pending.shift();
      try {
        const started = await start(includeFilters(patterns)[0]);
        log({ message: "sync started", execution: started.TaskExecutionArn, files: patterns.length });
        // The task now runs: the other messages start on a later delivery.
        return waitForRedelivery(pending.map(([id]) => id), "RUNNING", "started one upload of the batch");
      } catch (error) {
        if (!refused(error)) throw error;
        console.error(JSON.stringify({ message: "upload refused by DataSync", messageId, patterns, error: String(error) }));
        failed.add(messageId);
      }
    }
    return failures();
  };
}

module.exports = { createTrigger, includePattern, includeFilters, objectKeysOf, decodeKey, MAX_FILTER_LENGTH };
