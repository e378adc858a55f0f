import { z } from "zod";
import { describeFargateMemory, isValidFargateSize } from "./fargate";
import { parseIpv4Network } from "./cidr";
import { cronProblem, CronOptions } from "./aws-cron";
import { hardeningSchema } from "./hardening";
import { Bounds, DEFAULT_RULES_PER_LISTENER, DEFAULT_TARGET_GROUPS_PER_LOAD_BALANCER, LIMITS, LOG_RETENTION_DAYS } from "./limits";

/*
 * The environment schema: the single source of truth for what an environment file may say.
 * Defaults live here (and only here), so every layer sees a complete, validated configuration.
 */

/** At most 12 characters, so `<prefix>-u-<user>` fits AWS's 32-character target group names. */
export const NAME_PREFIX_PATTERN = /^[a-z][a-z0-9-]{0,10}[a-z0-9]$/;
/** A DNS label of at most 17 characters that is also a valid Terraform identifier. */
export const USER_NAME_PATTERN = /^[a-z][a-z0-9-]{0,15}[a-z0-9]$/;
const DOMAIN_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** An OpenSSH public key line of a type Transfer Family accepts, with an optional comment. */
export const SSH_PUBLIC_KEY_PATTERN = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]{60,}={0,3}( [^\s]{1,100})?$/;
/** DataSync's other schedule form: rate(n hours|days) (its minimum interval is an hour). */
const SYNC_RATE_PATTERN = /^rate\((1 (hour|day)|([2-9]|[1-9]\d{1,2}) (hours|days))\)$/;
/** The shape of a DataSync schedule, for the module's variable validation (HCL regex). */
export const SYNC_SCHEDULE_PATTERN = new RegExp(`^(cron\\((\\S+ ){5}\\S+\\)|${SYNC_RATE_PATTERN.source.slice(1, -1)})$`);

/** An AWS cron expression, checked field by field (config/aws-cron.ts). */
const awsCron = (options: CronOptions = {}, alternative?: { pattern: RegExp; description: string }) =>
  z.string().superRefine((value, ctx) => {
    if (alternative?.pattern.test(value)) return;
    const problem = cronProblem(value, options);
    const expected = alternative ? `${alternative.description} or a valid AWS cron expression` : "a valid AWS cron expression";
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be ${expected}: ${problem}` });
  });

const cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseIpv4Network(value);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed });
  }
});

const bounded = ({ min, max }: Bounds) => z.number().int().min(min).max(max);

const pattern = (regex: RegExp) =>
  z.string().regex(regex, { message: `must match ${regex.source}` });

/** An IANA time zone name (`Europe/London`, `UTC`), as this Node.js's time zone database knows it. */
const timeZone = pattern(/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){0,2}$/).superRefine((value, ctx) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "is not an IANA time zone name (such as Europe/London or UTC)" });
  }
});

const logRetention = z
  .number()
  .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    message: `must be one of ${LOG_RETENTION_DAYS.join(", ")} (CloudWatch Logs retention values)`,
  });

/**
 * User names are normalised before they are checked: lower case, dots, underscores and spaces
 * become hyphens, and a leading digit gets a `u` in front ("Bob.Smith" -> "bob-smith",
 * "2pac" -> "u2pac"). Two entries that normalise to one name are reported as duplicates.
 */
export function normalizeUserName(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const name = raw.trim().toLowerCase().replace(/[._\s]/g, "-").replace(/^-+|-+$/g, "");
  return /^\d/.test(name) ? `u${name}` : name;
}

const userName = z.preprocess(normalizeUserName, pattern(USER_NAME_PATTERN));

const userSchema = z
  .object({
    /** Login and host-name label: `<name>.<rstudio domain>` (normalised, see normalizeUserName). */
    name: userName,
    /** Fargate CPU units for this user's RStudio task. @default rstudio.defaultCpu */
    cpu: z.number().int().optional(),
    /** Fargate memory (MiB) for this user's RStudio task. @default rstudio.defaultMemory */
    memory: z.number().int().optional(),
    /**
     * Keeps this user on load balancer N (0-based) whoever is listed before them. Before removing
     * someone, pin the first user of each later load balancer (and, when the removed user is
     * pinned, the next user on theirs), and nobody moves. Refused on a load balancer the users
     * listed before already fill.
     * @default the lowest load balancer with room, in list order
     */
    loadBalancer: bounded(LIMITS.loadBalancerIndex).optional(),
  })
  .strict();

const rstudioSchema = z
  .object({
    /** Deploy one RStudio Server service per data scientist. @default true */
    enabled: z.boolean().default(true),
    /** Tag of the image in this environment's `rstudio` ECR repository. @default "4.4.2" */
    imageTag: pattern(IMAGE_TAG_PATTERN).default("4.4.2"),
    /** @default 1024 */
    defaultCpu: z.number().int().default(1024),
    /** @default 4096 */
    defaultMemory: z.number().int().default(4096),
    /** Days between automatic password rotations (a running session keeps its password until restart). @default 90 */
    passwordRotationDays: bounded(LIMITS.passwordRotationDays).default(90),
    /**
     * Working hours: every RStudio task is stopped at `stop` and started at `start` (Application
     * Auto Scaling schedule expressions in `timezone`); homes and sessions on EFS survive.
     * @default none (always on)
     */
    schedule: z
      .object({
        timezone: timeZone,
        start: awsCron(),
        stop: awsCron(),
      })
      .strict()
      .optional(),
    /** The data scientists; each gets a service, a host name, an EFS home and a password secret. */
    users: z.array(userSchema).default([]),
    /**
     * Former users whose home directory (EFS access point) and password secret are kept, without
     * a service or host name. A user removed from `users` must be listed here or in `purgeUsers`.
     * @default []
     */
    retainedUsers: z.array(userName).default([]),
    /**
     * Former users whose home access point and password may be destroyed by this change. While
     * set, `prevent_destroy` is lifted from the homes and passwords (the plan shows exactly which
     * go); remove the entry once applied. Files on EFS stay until deleted from the file system.
     * @default []
     */
    purgeUsers: z.array(userName).default([]),
  })
  .strict();

const shinySchema = z
  .object({
    /** Deploy the shared, autoscaled Shiny Server service. @default true */
    enabled: z.boolean().default(true),
    /** @default "4.4.2" */
    imageTag: pattern(IMAGE_TAG_PATTERN).default("4.4.2"),
    /** @default 512 */
    cpu: z.number().int().default(512),
    /** @default 1024 */
    memory: z.number().int().default(1024),
    /** @default 1 */
    minTasks: bounded(LIMITS.shinyTasks).default(1),
    /** @default 4 */
    maxTasks: bounded(LIMITS.shinyTasks).default(4),
    /** Target-tracking goals per task. */
    targetCpuPercent: bounded(LIMITS.targetPercent).default(60),
    targetMemoryPercent: bounded(LIMITS.targetPercent).default(70),
    targetRequestsPerTask: bounded(LIMITS.targetRequestsPerTask).default(200),
    /** Run Shiny tasks beyond the first on Fargate Spot (cheaper; a reclaimed task is replaced). @default false */
    fargateSpot: z.boolean().default(false),
    /** ALB cookie lifetime; SockJS polling transports need every request of a session on one task. @default 86400 */
    stickinessSeconds: bounded(LIMITS.stickinessSeconds).default(86400),
  })
  .strict();

const sftpUserSchema = z
  .object({
    /** Login name; the user sees only `uploads/<name>/` of the data bucket. */
    name: userName,
    /** OpenSSH public key (`ssh-ed25519 AAAA... comment`); not a secret. */
    sshPublicKey: z.string().trim().regex(SSH_PUBLIC_KEY_PATTERN, {
      message: "must be one OpenSSH public key line (ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521)",
    }),
  })
  .strict();

const sftpSchema = z
  .object({
    /** An AWS Transfer Family SFTP server in the VPC (about USD 0.30 an hour while it exists). @default false */
    enabled: z.boolean().default(false),
    /** Elastic IP addresses on the endpoint, in the public subnets; otherwise reachable from the VPC only. @default false */
    publicEndpoint: z.boolean().default(false),
    /** Client networks allowed to connect on port 22. @default access.allowedCidrs */
    allowedCidrs: z.array(cidr).min(1).max(30).optional(),
    /** Service-managed SFTP users. @default [] */
    users: z.array(sftpUserSchema).default([]),
  })
  .strict();

const dataSyncSchema = z
  .object({
    /** When the full S3 -> EFS sync runs (uploads also start a sync of their own). @default "rate(1 hour)" */
    schedule: awsCron({ atMostHourly: true }, { pattern: SYNC_RATE_PATTERN, description: "rate(N hours|days)" }).default("rate(1 hour)"),
  })
  .strict();

const athenaSchema = z
  .object({
    /** Largest scan a single query may make, in GB (a runaway query's cost cap). @default 100 */
    bytesScannedCutoffPerQueryGb: bounded(LIMITS.athenaQueryCutoffGb).default(100),
    /** Days to keep query results. @default 30 */
    resultRetentionDays: bounded(LIMITS.athenaResultRetentionDays).default(30),
  })
  .strict();

const backupSchema = z
  .object({
    /** When the daily EFS backup starts (UTC). @default "cron(0 3 * * ? *)" */
    schedule: awsCron({ atMostHourly: true }).default("cron(0 3 * * ? *)"),
    /** Days to keep each backup. @default 35 */
    retentionDays: bounded(LIMITS.backupRetentionDays).default(35),
  })
  .strict();

const networkSchema = z
  .object({
    vpcCidr: cidr,
    /** Availability zone names (looked up offline-safely from this file, not from AWS). At least two. */
    availabilityZones: z.array(z.string()).min(2).max(4),
    /** `single`: one shared NAT gateway (cheap); `one-per-az`: highly available egress. */
    natGateways: z.enum(["single", "one-per-az"]),
    /** Interface endpoints (ECR, Logs, Secrets Manager, SSM messages, STS, KMS, EFS). The S3 gateway endpoint is always on. @default true */
    interfaceEndpoints: z.boolean().default(true),
    /** Explicit subnet CIDRs, one per availability zone; computed from vpcCidr when omitted. */
    publicSubnetCidrs: z.array(cidr).optional(),
    privateSubnetCidrs: z.array(cidr).optional(),
    /** @default 90 */
    flowLogRetentionDays: logRetention.default(90),
  })
  .strict();

const dnsSchema = z
  .object({
    /** Route 53 hosted zone that holds both domains (an id, not looked up: planning stays offline). */
    hostedZoneId: pattern(/^Z[A-Z0-9]{1,31}$/),
    /** The hosted zone's domain name; both domains below must be inside it. */
    zoneName: pattern(DOMAIN_PATTERN),
    /** Users reach RStudio at `https://<user>.<rstudioDomain>`. */
    rstudioDomain: pattern(DOMAIN_PATTERN),
    /** The shared Shiny Server host name. */
    shinyDomain: pattern(DOMAIN_PATTERN),
  })
  .strict();

const accessSchema = z
  .object({
    /** Client networks allowed to reach the load balancer (security group). */
    /** At most 30: each network takes two rules (443, 80) and a security group holds 60 by default. */
    allowedCidrs: z.array(cidr).min(1).max(30),
    /** When set, the WAF blocks every request not from these networks. @default [] */
    wafIpAllowList: z.array(cidr).default([]),
    /** Requests per 5 minutes per client IP before the WAF rate rule blocks. @default 2000 */
    wafRateLimit: bounded(LIMITS.wafRateLimit).default(2000),
  })
  .strict();

const loadBalancerSchema = z
  .object({
    /** Must exceed the SockJS heartbeat (~25 s) and RStudio long polling. @default 300 */
    idleTimeoutSeconds: bounded(LIMITS.idleTimeoutSeconds).default(300),
    /** @default true */
    deletionProtection: z.boolean().default(true),
    /** Days to keep ALB access logs. @default 90 */
    accessLogRetentionDays: bounded(LIMITS.accessLogRetentionDays).default(90),
    /** Your account's quota of rules per ALB listener; users spread over more ALBs beyond it. @default 100 */
    maxRulesPerListener: bounded(LIMITS.albQuota).default(DEFAULT_RULES_PER_LISTENER),
    /** Your account's quota of target groups per ALB. @default 100 */
    maxTargetGroupsPerLoadBalancer: bounded(LIMITS.albQuota).default(DEFAULT_TARGET_GROUPS_PER_LOAD_BALANCER),
  })
  .strict();

const stateSchema = z
  .object({
    /** S3 bucket created by the `bootstrap` stack; every layer keeps its state under its own key. */
    /** No dots: the bucket's KMS key alias is `alias/<bucket>`, and aliases cannot have them. */
    bucket: pattern(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/),
    region: pattern(REGION_PATTERN),
    /** The account that owns the state bucket. */
    accountId: pattern(ACCOUNT_PATTERN),
    /** Keys are `<keyPrefix>/<environment>/<layer>.tfstate`. @default "rstudio-shiny" */
    keyPrefix: pattern(/^[a-z0-9][a-z0-9/_-]{0,100}[a-z0-9]$/).default("rstudio-shiny"),
    /** Role assumed to reach a state bucket in another account. */
    roleArn: pattern(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/).optional(),
  })
  .strict();

export const environmentSchema = z
  .object({
    /** Environment name; stacks are `<name>-<layer>`. */
    name: pattern(/^[a-z][a-z0-9]{1,15}$/),
    accountId: pattern(ACCOUNT_PATTERN),
    region: pattern(REGION_PATTERN),
    /** Prefix of every resource name. */
    namePrefix: pattern(NAME_PREFIX_PATTERN),
    /** Tags on every resource (AWS provider default_tags). @default {} */
    tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
    network: networkSchema,
    dns: dnsSchema,
    access: accessSchema,
    rstudio: rstudioSchema.default({}),
    shiny: shinySchema.default({}),
    loadBalancer: loadBalancerSchema.default({}),
    sftp: sftpSchema.default({}),
    dataSync: dataSyncSchema.default({}),
    athena: athenaSchema.default({}),
    backup: backupSchema.default({}),
    /** Retention of application, ECS Exec and WAF logs. @default 365 */
    logRetentionDays: logRetention.default(365),
    /** `prevent_destroy` on stateful resources (EFS, buckets, KMS keys). @default true */
    preventDestroy: z.boolean().default(true),
    /** GuardDuty, CloudTrail, Shield Advanced, egress filtering, Shiny sign-in, read-only roots (config/hardening.ts). */
    hardening: hardeningSchema.default({}),
    state: stateSchema,
  })
  .strict();

/** What an environment file may contain (defaults not yet applied). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A parsed environment with defaults applied; cross-field rules are checked in `load.ts`. */
export type EnvironmentSettings = z.output<typeof environmentSchema>;
export type UserSettings = EnvironmentSettings["rstudio"]["users"][number];

export function checkFargateSize(
  cpu: number,
  memory: number,
): string | undefined {
  return isValidFargateSize(cpu, memory)
    ? undefined
    : `is not a valid Fargate size (cpu ${cpu}, memory ${memory}): ${describeFargateMemory(cpu)}`;
}
