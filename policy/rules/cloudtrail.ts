import { environmentRule, passIf, resourceRule, Rule } from "../engine";
import { ofType } from "../model";

const TRAIL = ["aws_cloudtrail"];

export const cloudTrailRules: Rule[] = [
  environmentRule({
    id: "CT_1",
    title: "The environment has a logging, multi-region CloudTrail trail",
    mirrors: { checkov: ["CKV_AWS_67"], trivy: ["AVD-AWS-0014"] },
    resourceTypes: TRAIL,
    check: (env) =>
      passIf(
        ofType(env, ...TRAIL).some((trail) => trail.values.is_multi_region_trail === true && trail.values.enable_logging !== false),
        "no aws_cloudtrail with is_multi_region_trail = true",
      ),
  }),
  resourceRule({
    id: "CT_2",
    title: "CloudTrail trail validates log files",
    mirrors: { checkov: ["CKV_AWS_36"], trivy: ["AVD-AWS-0016"] },
    resourceTypes: TRAIL,
    check: (trail) => passIf(trail.values.enable_log_file_validation === true, "enable_log_file_validation is not true"),
  }),
  resourceRule({
    id: "CT_3",
    title: "CloudTrail trail encrypts logs with a customer-managed KMS key",
    mirrors: { checkov: ["CKV_AWS_35"], trivy: ["AVD-AWS-0015"] },
    resourceTypes: TRAIL,
    check: (trail) => passIf(Boolean(trail.values.kms_key_id), "kms_key_id is not set"),
  }),
  resourceRule({
    id: "CT_4",
    title: "CloudTrail trail delivers to CloudWatch Logs",
    mirrors: { checkov: ["CKV2_AWS_10"], trivy: ["AVD-AWS-0162"] },
    resourceTypes: TRAIL,
    check: (trail) => passIf(Boolean(trail.values.cloud_watch_logs_group_arn), "cloud_watch_logs_group_arn is not set"),
  }),
  resourceRule({
    id: "CT_5",
    title: "CloudTrail trail is logging",
    mirrors: { checkov: ["CKV_AWS_251"] },
    resourceTypes: TRAIL,
    check: (trail) => passIf(trail.values.enable_logging !== false, "enable_logging is false"),
  }),
];
