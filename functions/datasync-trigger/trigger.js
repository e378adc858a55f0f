"use strict";

/*
 * Starts the "on upload" DataSync task for the objects named in a batch of SQS messages, each an
 * S3 "Object Created" event delivered by EventBridge. The queue is what keeps uploads safe:
 * - coalesce: the event source mapping hands over up to 100 events gathered over a batching window,
 *   and they become one task execution with one include filter;
 * - queue/retry: while an execution of the task is running (DataSync runs one at a time), every
 *   message of the batch is reported as a failure, so SQS delivers it again after the visibility
 *   timeout; after maxReceiveCount deliveries it lands in the dead-letter queue;
 * - the scheduled task (hourly by default) copies anything still missing.
 */

/** DataSync's limit on the length of one filter value. */
const MAX_FILTER_LENGTH = 102400;
const BUSY_STATUSES = new Set(["QUEUED", "LAUNCHING", "PREPARING", "TRANSFERRING", "VERIFYING", "RUNNING"]);

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
 * The full key is kept, folders and all: a file in a nested folder must sync too. A `|` separates
 * patterns in a DataSync filter, so it becomes the `*` wildcard (matching the key and, at worst,
 * a few neighbours). Keys outside the prefix, and folder markers, sync nothing.
 */
function includePattern(key, prefix) {
  if (!key.startsWith(prefix) || key.endsWith("/") || key.length === prefix.length) return undefined;
  return `/${key.slice(prefix.length)}`.replace(/\|/g, "*");
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
  return async function handler(event) {
    const records = event.Records || [];
    const patternsByMessage = new Map();
    const unreadable = [];
    for (const record of records) {
      try {
        patternsByMessage.set(record.messageId, objectKeysOf(record.body).map((key) => includePattern(key, settings.prefix)).filter(Boolean));
      } catch (error) {
        console.error(JSON.stringify({ message: "unreadable event", messageId: record.messageId, error: String(error) }));
        unreadable.push(record.messageId);
      }
    }
    const retryAll = () => ({ batchItemFailures: records.map((r) => ({ itemIdentifier: r.messageId })) });
    const patterns = [...patternsByMessage.values()].flat();
    if (patterns.length === 0) {
      return { batchItemFailures: unreadable.map((id) => ({ itemIdentifier: id })) };
    }

    const task = await client.describeTask({ TaskArn: settings.taskArn });
    if (task.CurrentTaskExecutionArn || BUSY_STATUSES.has(task.Status)) {
      console.log(JSON.stringify({ message: "task busy, uploads wait in the queue", execution: task.CurrentTaskExecutionArn, files: patterns.length }));
      return retryAll();
    }

    const filters = includeFilters(patterns);
    try {
      // One execution per call; a second filter (more than 100 KiB of names) waits for the retry.
      const started = await client.startTaskExecution({
        TaskArn: settings.taskArn,
        Includes: [{ FilterType: "SIMPLE_PATTERN", Value: filters[0] }],
      });
      console.log(JSON.stringify({ message: "sync started", execution: started.TaskExecutionArn, files: patterns.length }));
    } catch (error) {
      if (error && error.name === "InvalidRequestException") {
        console.log(JSON.stringify({ message: "task busy on start, uploads wait in the queue", error: String(error) }));
        return retryAll();
      }
      throw error;
    }
    const startedPatterns = new Set(filters[0].split("|"));
    const waiting = records
      .filter((r) => unreadable.includes(r.messageId) || (patternsByMessage.get(r.messageId) || []).some((p) => !startedPatterns.has(p)))
      .map((r) => ({ itemIdentifier: r.messageId }));
    return { batchItemFailures: waiting };
  };
}

module.exports = { createTrigger, includePattern, includeFilters, objectKeysOf, decodeKey, MAX_FILTER_LENGTH };
