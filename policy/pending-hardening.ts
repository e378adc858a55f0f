/**
 * Rules the platform does not meet yet because the resources that satisfy them are being added on
 * other branches (hardening: GuardDuty, CloudTrail, read-only root filesystems; data path: AWS Backup
 * for EFS). The synth gate tolerates their failures and the report shows them as "pending".
 * Empty this list when those branches are integrated: a pending rule that passes everywhere is
 * reported as stale.
 */
export interface PendingRule {
  readonly rule: string;
  readonly reason: string;
}

export const PENDING_HARDENING: readonly PendingRule[] = [
  { rule: "GD_1", reason: "GuardDuty detector: added by the hardening branch" },
  { rule: "CT_1", reason: "multi-region CloudTrail trail: added by the hardening branch" },
  { rule: "ECS_8", reason: "read-only root filesystems (with writable volumes for what the images write): hardening branch" },
  { rule: "EFS_4", reason: "AWS Backup plan and selection for EFS: data-path branch" },
];
