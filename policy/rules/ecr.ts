import { fail, pass, passIf, resourceRule, Rule } from "../engine";
import { block } from "../model";
import { describe, publicGrants } from "./shared";

const REPOSITORY = ["aws_ecr_repository"];

export const ecrRules: Rule[] = [
  resourceRule({
    id: "ECR_1",
    title: "ECR repository scans images on push",
    mirrors: { checkov: ["CKV_AWS_163"], trivy: ["AVD-AWS-0030"] },
    resourceTypes: REPOSITORY,
    check: (repository) => passIf(block(repository.values.image_scanning_configuration)?.scan_on_push === true, "scan_on_push is not true"),
  }),
  resourceRule({
    id: "ECR_2",
    title: "ECR repository has immutable image tags",
    mirrors: { checkov: ["CKV_AWS_51"], trivy: ["AVD-AWS-0031"] },
    resourceTypes: REPOSITORY,
    check: (repository) => {
      const mutability = repository.values.image_tag_mutability ?? "MUTABLE";
      return passIf(String(mutability).startsWith("IMMUTABLE"), `image_tag_mutability is ${mutability}`);
    },
  }),
  resourceRule({
    id: "ECR_3",
    title: "ECR repository is encrypted with a customer-managed KMS key",
    mirrors: { checkov: ["CKV_AWS_136"], trivy: ["AVD-AWS-0033"] },
    resourceTypes: REPOSITORY,
    check: (repository) => {
      const encryption = block(repository.values.encryption_configuration);
      return passIf(encryption?.encryption_type === "KMS" && Boolean(encryption?.kms_key), "not encrypted with a customer-managed KMS key");
    },
  }),
  resourceRule({
    id: "ECR_4",
    title: "ECR repository policy grants nothing to any principal (*)",
    mirrors: { checkov: ["CKV_AWS_32"], trivy: ["AVD-AWS-0032"] },
    resourceTypes: ["aws_ecr_repository_policy"],
    check: (policyResource) => {
      const policy = policyResource.policies.policy;
      if (!policy) return fail("repository policy cannot be read");
      const grants = publicGrants(policy);
      return grants.length === 0 ? pass() : fail(`${grants.map(describe).join(", ")} allows principal *`);
    },
  }),
];
