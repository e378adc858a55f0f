import { fail, notApplicable, pass, passIf, resourceRule, Rule } from "../engine";
import { describe, publicGrants } from "./shared";

const KEY = ["aws_kms_key"];

export const kmsRules: Rule[] = [
  resourceRule({
    id: "KMS_1",
    title: "Customer-managed KMS key rotates automatically",
    mirrors: { checkov: ["CKV_AWS_7"], trivy: ["AVD-AWS-0065"] },
    resourceTypes: KEY,
    check: (key) => {
      const spec = key.values.customer_master_key_spec ?? "SYMMETRIC_DEFAULT";
      if (spec !== "SYMMETRIC_DEFAULT") return notApplicable(`${spec} keys cannot rotate automatically`);
      return passIf(key.values.enable_key_rotation === true, "enable_key_rotation is not true");
    },
  }),
  resourceRule({
    id: "KMS_2",
    title: "KMS key policy grants nothing to a wildcard principal",
    mirrors: { checkov: ["CKV_AWS_33"] },
    resourceTypes: KEY,
    check: (key) => {
      const policy = key.policies.policy;
      if (key.values.policy === undefined) return notApplicable("no key policy (see KMS_3)");
      if (!policy) return fail("key policy cannot be read");
      const grants = publicGrants(policy);
      return grants.length === 0 ? pass() : fail(`${grants.map(describe).join(", ")} allows principal *`);
    },
  }),
  resourceRule({
    id: "KMS_3",
    title: "KMS key has an explicit key policy",
    mirrors: { checkov: ["CKV2_AWS_64"] },
    resourceTypes: KEY,
    check: (key) => passIf(key.values.policy !== undefined, "no key policy: the account default policy applies"),
  }),
];
