import { passIf, resourceRule, Rule } from "../engine";

export const backupRules: Rule[] = [
  resourceRule({
    id: "BACKUP_1",
    title: "AWS Backup vault is encrypted with a customer-managed KMS key",
    mirrors: { checkov: ["CKV_AWS_166"] },
    resourceTypes: ["aws_backup_vault"],
    check: (vault) => passIf(Boolean(vault.values.kms_key_arn), "kms_key_arn is not set"),
  }),
];
