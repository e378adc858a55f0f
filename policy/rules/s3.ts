import { fail, notApplicable, pass, passIf, resourceRule, Rule } from "../engine";
import { block, blocks, companions, isExpression, PolicyEnvironment, PolicyResource } from "../model";
import { PolicyStatement, resourceMatches } from "../documents";
import { describe, publicGrants, wildcardPrincipal } from "./shared";

const BUCKET = ["aws_s3_bucket"];

function companion(env: PolicyEnvironment, bucket: PolicyResource, type: string): PolicyResource | undefined {
  return companions(env, bucket, "bucket", type)[0];
}

/**
 * The ways a policy names the bucket: a reference to its ARN (`${aws_s3_bucket.b.arn}`, or
 * `[0]` with count), its literal ARN from a literal name, or the planned ARN.
 */
function bucketArns(bucket: PolicyResource): string[] {
  const address = `${bucket.type}.${bucket.name}`;
  const arns = [`\${${address}.arn}`, `\${${address}[0].arn}`];
  const { bucket: name, arn } = bucket.values;
  if (typeof name === "string" && !isExpression(name)) arns.push(`arn:aws:s3:::${name}`);
  if (typeof arn === "string" && arn.startsWith("arn:")) arns.push(withAwsPartition(arn));
  return arns;
}

/** `arn:aws-cn:s3:::b` and `arn:${data.aws_partition.p.partition}:s3:::b` compare as `arn:aws:s3:::b`. */
const withAwsPartition = (arn: string) => arn.replace(/^arn:(\$\{[^}]*\}|[^:]+):s3:::/, "arn:aws:s3:::");

export const s3Rules: Rule[] = [
  resourceRule({
    id: "S3_1",
    title: "S3 bucket blocks all public access (all four public access block settings)",
    mirrors: { checkov: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"], trivy: ["AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093", "AVD-AWS-0094"] },
    resourceTypes: BUCKET,
    check: (bucket, env) => {
      const block = companion(env, bucket, "aws_s3_bucket_public_access_block");
      if (!block) return fail("no aws_s3_bucket_public_access_block for this bucket");
      const off = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].filter((flag) => block.values[flag] !== true);
      return passIf(off.length === 0, `public access block leaves ${off.join(", ")} off`);
    },
  }),
  resourceRule({
    id: "S3_2",
    title: "S3 bucket encrypts by default with a KMS key",
    mirrors: { checkov: ["CKV_AWS_145"], trivy: ["AVD-AWS-0132"] },
    resourceTypes: BUCKET,
    check: (bucket, env) => {
      const encryption = companion(env, bucket, "aws_s3_bucket_server_side_encryption_configuration");
      const byDefault = blocks(encryption?.values.rule).map((rule) => block(rule.apply_server_side_encryption_by_default));
      const kms = byDefault.some((rule) => ["aws:kms", "aws:kms:dsse"].includes(rule?.sse_algorithm) && rule?.kms_master_key_id);
      return passIf(kms, encryption ? `default encryption is ${byDefault.map((rule) => rule?.sse_algorithm).join(", ") || "unset"}, not SSE-KMS with a key` : "no default encryption configuration");
    },
  }),
  resourceRule({
    id: "S3_3",
    title: "S3 bucket has versioning enabled",
    mirrors: { checkov: ["CKV_AWS_21"], trivy: ["AVD-AWS-0090"] },
    resourceTypes: BUCKET,
    check: (bucket, env) => {
      const versioning = companion(env, bucket, "aws_s3_bucket_versioning");
      return passIf(block(versioning?.values.versioning_configuration)?.status === "Enabled", "versioning is not enabled");
    },
  }),
  resourceRule({
    id: "S3_4",
    title: "S3 bucket policy denies requests without TLS (aws:SecureTransport) to every principal, on the bucket and its objects",
    mirrors: { checkov: ["CKV_AWS_379"] },
    resourceTypes: BUCKET,
    check: (bucket, env) => {
      const policy = companion(env, bucket, "aws_s3_bucket_policy")?.policies.policy;
      if (!policy) return fail("no readable bucket policy");
      const arns = bucketArns(bucket);
      const covers = (statement: PolicyStatement, target: (arn: string) => string) =>
        arns.some((arn) => statement.resources.some((pattern) => resourceMatches(withAwsPartition(pattern), target(arn))));
      const deniesPlainHttp = policy.statements.some(
        (statement) =>
          statement.effect === "Deny" &&
          wildcardPrincipal(statement) &&
          statement.actions.some((action) => action === "*" || action.toLowerCase() === "s3:*") &&
          statement.conditions.some((condition) => condition.test === "Bool" && condition.variable === "aws:SecureTransport" && condition.values.includes("false")) &&
          covers(statement, (arn) => arn) &&
          covers(statement, (arn) => `${arn}/*`),
      );
      return passIf(deniesPlainHttp, "no Deny of s3:* to principal * when aws:SecureTransport is false, on both the bucket and its objects (ARN and ARN/*)");
    },
  }),
  resourceRule({
    id: "S3_5",
    title: "S3 bucket has server access logging",
    mirrors: { checkov: ["CKV_AWS_18"], trivy: ["AVD-AWS-0089"] },
    resourceTypes: BUCKET,
    check: (bucket, env) => passIf(companion(env, bucket, "aws_s3_bucket_logging") !== undefined, "no aws_s3_bucket_logging for this bucket"),
  }),
  resourceRule({
    id: "S3_6",
    title: "S3 bucket has a lifecycle configuration that aborts incomplete multipart uploads",
    mirrors: { checkov: ["CKV2_AWS_61", "CKV_AWS_300"] },
    resourceTypes: BUCKET,
    check: (bucket, env) => {
      const lifecycle = companion(env, bucket, "aws_s3_bucket_lifecycle_configuration");
      if (!lifecycle) return fail("no lifecycle configuration");
      const aborts = blocks(lifecycle.values.rule).some(
        (rule) => rule.status === "Enabled" && block(rule.abort_incomplete_multipart_upload)?.days_after_initiation !== undefined,
      );
      return passIf(aborts, "no enabled rule aborts incomplete multipart uploads");
    },
  }),
  resourceRule({
    id: "S3_7",
    title: "S3 bucket has ACLs disabled (object ownership BucketOwnerEnforced)",
    mirrors: { checkov: ["CKV2_AWS_65"] },
    resourceTypes: BUCKET,
    check: (bucket, env) => {
      const ownership = companion(env, bucket, "aws_s3_bucket_ownership_controls");
      return passIf(block(ownership?.values.rule)?.object_ownership === "BucketOwnerEnforced", "object ownership is not BucketOwnerEnforced");
    },
  }),
  resourceRule({
    id: "S3_8",
    title: "S3 bucket policy grants nothing to any principal (*)",
    mirrors: { checkov: ["CKV_AWS_70"] },
    resourceTypes: BUCKET,
    check: (bucket, env) => {
      const policyResource = companion(env, bucket, "aws_s3_bucket_policy");
      if (!policyResource) return notApplicable("no bucket policy");
      const policy = policyResource.policies.policy;
      if (!policy) return fail("bucket policy cannot be read");
      const grants = publicGrants(policy);
      return grants.length === 0 ? pass() : fail(`${grants.map(describe).join(", ")} allows principal *`);
    },
  }),
];
