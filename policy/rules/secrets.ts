import { notApplicable, passIf, resourceRule, Rule } from "../engine";
import { block, companions } from "../model";

/** Most days between rotations the rotation rule accepts. */
export const MAX_ROTATION_DAYS = 90;

function rotationDays(rules: Record<string, any> | undefined): number | undefined {
  if (!rules) return undefined;
  if (rules.automatically_after_days !== undefined) return Number(rules.automatically_after_days);
  const rate = /^rate\((\d+) days?\)$/.exec(String(rules.schedule_expression ?? ""));
  return rate ? Number(rate[1]) : undefined;
}

export const secretsRules: Rule[] = [
  resourceRule({
    id: "SM_1",
    title: "Secrets Manager secret is encrypted with a customer-managed KMS key",
    mirrors: { checkov: ["CKV_AWS_149"], trivy: ["AVD-AWS-0098"] },
    resourceTypes: ["aws_secretsmanager_secret"],
    check: (secret) => passIf(Boolean(secret.values.kms_key_id), "kms_key_id is not set (the AWS managed key is used)"),
  }),
  resourceRule({
    id: "SM_2",
    title: "Secrets Manager secret rotates automatically",
    mirrors: { checkov: ["CKV2_AWS_57"] },
    resourceTypes: ["aws_secretsmanager_secret"],
    check: (secret, env) => passIf(companions(env, secret, "secret_id", "aws_secretsmanager_secret_rotation").length > 0, "no aws_secretsmanager_secret_rotation for this secret"),
  }),
  resourceRule({
    id: "SM_3",
    title: `Secrets Manager rotation happens at least every ${MAX_ROTATION_DAYS} days`,
    mirrors: { checkov: ["CKV_AWS_304"] },
    resourceTypes: ["aws_secretsmanager_secret_rotation"],
    check: (rotation) => {
      const days = rotationDays(block(rotation.values.rotation_rules));
      if (days === undefined) return notApplicable("rotation schedule is computed or a cron expression");
      return passIf(days <= MAX_ROTATION_DAYS, `rotates every ${days} days`);
    },
  }),
];
