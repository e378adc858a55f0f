/**
 * Rules the platform does not meet yet while the resources that satisfy them are being built (a
 * rule may land before its hardening). The synth gate tolerates their failures and the report shows
 * them as "pending"; a pending rule that passes everywhere is reported as stale. Empty today.
 */
export interface PendingRule {
  readonly rule: string;
  readonly reason: string;
}

export const PENDING_HARDENING: readonly PendingRule[] = [];
