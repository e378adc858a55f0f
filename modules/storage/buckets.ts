import { Construct } from "constructs";
import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";

import { SecureBucket } from "../shared/secure-bucket";

export interface BucketsProps {
  /** The data and log bucket names (bucketNames). */
  readonly names: { readonly data: string; readonly logs: string };
  readonly accountId: string;
  readonly kmsKeyArn: string;
  /** Days to keep load balancer and S3 access logs. */
  readonly logRetentionDays: number;
  readonly preventDestroy: boolean;
}

/**
 * The data bucket (uploads, Athena tables; SSE-KMS with the storage key) and the log bucket
 * (ALB access logs and the data bucket's server access logs). The log bucket uses SSE-S3 because
 * ALB access log delivery does not support KMS keys.
 */
export class Buckets extends Construct {
  readonly data: SecureBucket;
  readonly logs: SecureBucket;

  constructor(scope: Construct, id: string, props: BucketsProps) {
    super(scope, id);
    const { names, accountId } = props;
    const elbAccount = new DataAwsElbServiceAccount(this, "elb_account");

    this.logs = new SecureBucket(this, "logs", {
      bucketName: names.logs,
      preventDestroy: props.preventDestroy,
      policySuppressions: {
        S3_2: "ALB access logs can only be delivered to a bucket encrypted with SSE-S3 (AES256), not SSE-KMS",
        S3_5: "this bucket is the server access log target of the other buckets; logging it into itself would log its own log deliveries",
      },
      policyStatements: (arn) => [
        {
          sid: "AlbAccessLogs",
          actions: ["s3:PutObject"],
          principals: [
            { type: "AWS", identifiers: [elbAccount.arn] },
            { type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] },
          ],
          resources: [`${arn}/alb/AWSLogs/${accountId}/*`],
        },
        {
          sid: "S3ServerAccessLogs",
          actions: ["s3:PutObject"],
          principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
          resources: [`${arn}/s3/*`],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] }],
        },
      ],
      lifecycleRules: [
        {
          id: "expire-logs",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: props.logRetentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        },
      ],
    });

    this.data = new SecureBucket(this, "data", {
      bucketName: names.data,
      kmsKeyArn: props.kmsKeyArn,
      preventDestroy: props.preventDestroy,
      accessLogs: { bucket: this.logs.name, prefix: `s3/${names.data}/` },
      lifecycleRules: [
        {
          id: "expire-old-versions",
          status: "Enabled",
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: 90 }],
        },
      ],
    });
  }
}
