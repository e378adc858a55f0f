import { Construct } from "constructs";
import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { serviceTrust } from "../shared/policy";

export interface BackupProps {
  readonly name: string;
  readonly accountId: string;
  readonly partition: string;
  readonly kmsKeyArn: string;
  /** ARNs of what the plan backs up (the EFS file system). */
  readonly resourceArns: string[];
  /** Backup start, a cron expression in UTC. */
  readonly schedule: string;
  readonly retentionDays: number;
  readonly preventDestroy: boolean;
}

/** Daily backups of the file system into the environment's own vault, encrypted with the storage key. */
export class Backup extends Construct {
  constructor(scope: Construct, id: string, props: BackupProps) {
    super(scope, id);
    const vault = new BackupVault(this, "vault", {
      name: props.name,
      kmsKeyArn: props.kmsKeyArn,
      forceDestroy: false,
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    const plan = new BackupPlan(this, "plan", {
      name: props.name,
      rule: [
        {
          ruleName: "daily",
          targetVaultName: vault.name,
          schedule: props.schedule,
          startWindow: 60,
          completionWindow: 480,
          lifecycle: { deleteAfter: props.retentionDays },
          recoveryPointTags: { BackupPlan: props.name },
        },
      ],
    });

    const role = new IamRole(this, "role", {
      name: `${props.name}-backup`,
      assumeRolePolicy: serviceTrust(this, "trust", "backup.amazonaws.com", props.accountId),
    });
    const attachments = ["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"].map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy === "AWSBackupServiceRolePolicyForBackup" ? "backup_policy" : "restore_policy", {
          role: role.name,
          policyArn: `arn:${props.partition}:iam::aws:policy/service-role/${policy}`,
        }),
    );
    new BackupSelection(this, "file_system", {
      name: `${props.name}-efs`,
      planId: plan.id,
      iamRoleArn: role.arn,
      resources: props.resourceArns,
      dependsOn: attachments,
    });
  }
}
