/*
 * Usage the stacks cannot know: traffic, stored data, log volume. Each is a named figure with
 * its unit and reasoning, printed with every report; change them here (or pass overrides to
 * `estimateEnvironment`) and the report follows.
 */

export interface Assumption {
  readonly value: number;
  readonly unit: string;
  readonly description: string;
}

export const ASSUMPTIONS = {
  natGbPerUser: {
    value: 5,
    unit: "GB/user-month",
    description: "Internet egress through NAT per RStudio user (CRAN, Bioconductor, GitHub, APIs); S3 and ECR image layers take the free S3 gateway endpoint",
  },
  natGbShiny: { value: 1, unit: "GB/month", description: "Internet egress through NAT of the Shiny service" },
  endpointGbPerUser: {
    value: 1,
    unit: "GB/user-month",
    description: "Traffic through interface endpoints per user (logs, secrets, ECR API, ECS Exec), when the endpoints exist",
  },
  requestsPerUser: {
    value: 300_000,
    unit: "requests/user-month",
    description: "HTTPS requests of one RStudio user (IDE actions and long polling), through WAF and the ALB",
  },
  requestsShiny: { value: 200_000, unit: "requests/month", description: "HTTPS requests to the Shiny host" },
  albGbPerUser: { value: 3, unit: "GB/user-month", description: "Bytes the ALB processes for one RStudio user" },
  albGbShiny: { value: 2, unit: "GB/month", description: "Bytes the ALB processes for Shiny" },
  busyHours: {
    value: 176,
    unit: "hours/month",
    description: "Working hours that carry the traffic (22 days x 8 h); LCUs are computed per busy hour, outside them traffic is taken as nil",
  },
  wafLogKbPerRequest: { value: 1.5, unit: "KB/request", description: "Size of one WAF log record (authorization and cookie headers redacted)" },
  albLogKbPerRequest: { value: 0.1, unit: "KB/request", description: "Compressed size of one ALB access log line in the log bucket" },
  flowLogGbBase: { value: 1, unit: "GB/month", description: "VPC flow log volume of an idle VPC (endpoints, NAT, health checks)" },
  flowLogGbPerUser: { value: 0.5, unit: "GB/user-month", description: "Extra flow log volume per RStudio user" },
  appLogGbPerTask: { value: 0.5, unit: "GB/task-month", description: "Container log volume of one task running all month" },
  execLogGb: { value: 0.1, unit: "GB/month", description: "ECS Exec session logs" },
  logStorageMonthsCap: {
    value: 12,
    unit: "months",
    description: "Stored log volume is monthly volume x retention, counted for at most this many months (the bill a year after launch)",
  },
  metricsPerService: {
    value: 12,
    unit: "metrics/service",
    description: "Container Insights metrics (billed as custom metrics) per ECS service, and the same again for the cluster; its performance log events are not counted",
  },
  efsGbPerUser: { value: 20, unit: "GB/user", description: "Home directory size on EFS, all counted as Standard (IA after 30 days would lower it)" },
  efsGbShinyApps: { value: 5, unit: "GB", description: "Shared Shiny apps directory on EFS" },
  efsReadGbPerUser: { value: 10, unit: "GB/user-month", description: "EFS data read per user (Elastic Throughput bills reads)" },
  efsWriteGbPerUser: { value: 3, unit: "GB/user-month", description: "EFS data written per user (Elastic Throughput bills writes)" },
  dataBucketGbPerUser: { value: 20, unit: "GB/user", description: "Data bucket objects per user" },
  ecrGbPerRepository: { value: 3, unit: "GB/repository", description: "Image tags kept per ECR repository (a few ~1 GB rocker images)" },
  kmsRotatedVersionsPerKey: {
    value: 1,
    unit: "versions/key",
    description: "Backing keys kept from yearly automatic rotation (0 in year one, 1 in year two)",
  },
  shinyTasksAboveMinimum: { value: 0, unit: "tasks", description: "Average Shiny tasks running above shiny.minTasks (autoscaling peaks not modelled)" },
  transferGbPerServer: { value: 20, unit: "GB/server-month", description: "SFTP uploads per Transfer Family server" },
  dataSyncGbPerTask: { value: 20, unit: "GB/task-month", description: "Data copied per DataSync task (S3 to EFS)" },
} as const satisfies Record<string, Assumption>;

export type AssumptionId = keyof typeof ASSUMPTIONS;
export type AssumptionValues = Readonly<Record<AssumptionId, number>>;

export function assumptionValues(overrides: Partial<AssumptionValues> = {}): AssumptionValues {
  const values = Object.fromEntries(Object.entries(ASSUMPTIONS).map(([id, assumption]) => [id, assumption.value]));
  return { ...(values as Record<AssumptionId, number>), ...overrides };
}
