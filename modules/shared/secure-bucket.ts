import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { firstInstance } from "./expressions";
import { policyDocument, Statement } from "./policy";
import { suppressPolicy } from "./policy-suppressions";

export interface SecureBucketProps {
  readonly bucketName: string;
  /**
   * Customer-managed key for SSE-KMS. Omit only where the writer cannot use KMS
   * (ALB access logs accept SSE-S3 only).
   */
  readonly kmsKeyArn?: string;
  /** Extra bucket-policy statements; `this.arn` may be referenced through `bucketArn`. @default [] */
  readonly policyStatements?: (bucketArn: string) => Statement[];
  /** Server access logs target. @default no access logging */
  readonly accessLogs?: { readonly bucket: string; readonly prefix: string };
  /** Lifecycle rules in addition to aborting incomplete uploads after 7 days. @default [] */
  readonly lifecycleRules?: S3BucketLifecycleConfigurationRule[];
  /** @default true */
  readonly preventDestroy?: boolean;
  /** For a bucket that exists only with the resources it serves (0 or 1). @default always */
  readonly count?: number;
  /** Policy rules this bucket knowingly does not meet: rule id -> reason (see policy/). @default {} */
  readonly policySuppressions?: Readonly<Record<string, string>>;
}

/**
 * An S3 bucket with every guard on: versioning, default encryption, all public access blocked,
 * ACLs disabled (bucket owner enforced), a policy refusing non-TLS requests and `prevent_destroy`.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket policy: a writer that checks it on creation (CloudTrail) must depend on it. */
  readonly policy: S3BucketPolicy;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { count } = props;
    const bucket = new S3Bucket(this, "bucket", {
      count,
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    const attribute = (name: string) => (count === undefined ? bucket.getStringAttribute(name) : firstInstance(bucket, name));
    this.bucket = bucket;
    for (const [rule, reason] of Object.entries(props.policySuppressions ?? {})) {
      suppressPolicy(bucket, rule, reason);
    }
    this.name = attribute("bucket");
    this.arn = attribute("arn");
    const bucketId = attribute("id");
    const bucketArn = this.arn;

    new S3BucketVersioningA(this, "versioning", {
      count,
      bucket: bucketId,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      count,
      bucket: bucketId,
      rule: [
        props.kmsKeyArn
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, "public_access_block", {
      count,
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      count,
      bucket: bucketId,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    this.policy = new S3BucketPolicy(this, "policy", {
      count,
      bucket: bucketId,
      policy: policyDocument(this, "policy_document", [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          actions: ["s3:*"],
          resources: [bucketArn, `${bucketArn}/*`],
          principals: [{ type: "*", identifiers: ["*"] }],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        ...(props.kmsKeyArn
          ? [
              {
                sid: "DenyUploadsWithoutKms",
                effect: "Deny",
                actions: ["s3:PutObject"],
                principals: [{ type: "*", identifiers: ["*"] }],
                resources: [`${bucketArn}/*`],
                condition: [{ test: "StringNotEqualsIfExists", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] }],
              },
            ]
          : []),
        ...(props.policyStatements?.(bucketArn) ?? []),
      ], { count }),
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      count,
      bucket: bucketId,
      rule: [
        {
          id: "abort-incomplete-uploads",
          status: "Enabled",
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
        ...(props.lifecycleRules ?? []),
      ],
    });
    if (props.accessLogs) {
      new S3BucketLoggingA(this, "access_logs", {
        count,
      bucket: bucketId,
        targetBucket: props.accessLogs.bucket,
        targetPrefix: props.accessLogs.prefix,
      });
    }
  }
}
