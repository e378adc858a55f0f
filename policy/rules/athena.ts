import { passIf, resourceRule, Rule } from "../engine";
import { block } from "../model";

const WORKGROUP = ["aws_athena_workgroup"];

export const athenaRules: Rule[] = [
  resourceRule({
    id: "ATHENA_1",
    title: "Athena workgroup enforces its configuration (clients cannot override encryption)",
    mirrors: { checkov: ["CKV_AWS_82"], trivy: ["AVD-AWS-0007"] },
    resourceTypes: WORKGROUP,
    check: (workgroup) => passIf(block(workgroup.values.configuration)?.enforce_workgroup_configuration !== false, "enforce_workgroup_configuration is false"),
  }),
  resourceRule({
    id: "ATHENA_2",
    title: "Athena workgroup encrypts query results with KMS",
    mirrors: { checkov: ["CKV_AWS_159"], trivy: ["AVD-AWS-0006"] },
    resourceTypes: WORKGROUP,
    check: (workgroup) => {
      const encryption = block(block(block(workgroup.values.configuration)?.result_configuration)?.encryption_configuration);
      return passIf(
        ["SSE_KMS", "CSE_KMS"].includes(encryption?.encryption_option) && Boolean(encryption?.kms_key_arn),
        `query results are ${encryption?.encryption_option ?? "not encrypted"}, not KMS with a key`,
      );
    },
  }),
];
