/*
 * Numeric rules shared by the environment schema and the module variables, so a stack and a
 * module caller are held to the same bounds.
 */

export interface Bounds {
  readonly min: number;
  readonly max: number;
}

export const LIMITS = {
  passwordRotationDays: { min: 1, max: 1000 },
  shinyTasks: { min: 1, max: 100 },
  targetPercent: { min: 10, max: 95 },
  targetRequestsPerTask: { min: 1, max: 100000 },
  stickinessSeconds: { min: 1, max: 604800 },
  wafRateLimit: { min: 10, max: 2000000000 },
  /** Above the SockJS heartbeat (~25 s) and RStudio long polling. */
  idleTimeoutSeconds: { min: 60, max: 4000 },
  accessLogRetentionDays: { min: 1, max: 3650 },
  albQuota: { min: 2, max: 1000 },
  /** AWS's default quota is 50 application load balancers per region. */
  loadBalancerIndex: { min: 0, max: 49 },
  athenaQueryCutoffGb: { min: 1, max: 100000 },
  athenaResultRetentionDays: { min: 1, max: 3650 },
  backupRetentionDays: { min: 1, max: 36500 },
  /** Days CloudTrail log files stay in the audit bucket. */
  auditRetentionDays: { min: 1, max: 3653 },
} as const satisfies Record<string, Bounds>;

/** AWS's default quotas per application load balancer. */
export const DEFAULT_RULES_PER_LISTENER = 100;
export const DEFAULT_TARGET_GROUPS_PER_LOAD_BALANCER = 100;

/** Users one load balancer serves: one listener rule and one target group each, less Shiny's. */
export function usersPerLoadBalancer(rulesPerListener: number, targetGroupsPerLoadBalancer: number): number {
  return Math.min(rulesPerListener, targetGroupsPerLoadBalancer) - 1;
}

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
