export interface DataSyncCalls {
  describeTask(input: { TaskArn: string }): Promise<{ Status?: string; CurrentTaskExecutionArn?: string }>;
  startTaskExecution(input: {
    TaskArn: string;
    Includes: { FilterType: "SIMPLE_PATTERN"; Value: string }[];
  }): Promise<{ TaskExecutionArn?: string }>;
}
export interface TriggerSettings {
  readonly taskArn: string;
  /** The key prefix the task's S3 location reads, with its trailing slash (`uploads/`). */
  readonly prefix: string;
}
export interface SqsBatch {
  Records: { messageId: string; body: string }[];
}
export function createTrigger(
  client: DataSyncCalls,
  settings: TriggerSettings,
): (event: SqsBatch) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
export function includePattern(key: string, prefix: string): string | undefined;
export function includeFilters(patterns: string[]): string[];
export function objectKeysOf(body: string): string[];
export function decodeKey(encoded: string): string;
export const MAX_FILTER_LENGTH: number;
