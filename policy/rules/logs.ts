import { notApplicable, passIf, resourceRule, Rule } from "../engine";

const LOG_GROUP = ["aws_cloudwatch_log_group"];

export const logRules: Rule[] = [
  resourceRule({
    id: "LOG_1",
    title: "CloudWatch log group sets a retention period",
    mirrors: { checkov: ["CKV_AWS_66"] },
    resourceTypes: LOG_GROUP,
    check: (group) => passIf(Number(group.values.retention_in_days) > 0, "retention_in_days is not set"),
  }),
  resourceRule({
    id: "LOG_2",
    title: "CloudWatch log group is encrypted with a KMS key",
    mirrors: { checkov: ["CKV_AWS_158"], trivy: ["AVD-AWS-0017"] },
    resourceTypes: LOG_GROUP,
    check: (group) => passIf(Boolean(group.values.kms_key_id), "kms_key_id is not set"),
  }),
  resourceRule({
    id: "LOG_3",
    title: "CloudWatch log group keeps logs for at least a year in production",
    mirrors: { checkov: ["CKV_AWS_338"] },
    resourceTypes: LOG_GROUP,
    check: (group, env) => {
      if (!env.production) return notApplicable(`${env.name} is not production`);
      const days = group.values.retention_in_days;
      return passIf(days === undefined || Number(days) === 0 || Number(days) >= 365, `retention_in_days is ${days}`);
    },
  }),
];
