import { Construct } from "constructs";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { countWhen, Flag } from "../shared/expressions";
import { CustomerManagedKey } from "../shared/kms-key";
import { Statement } from "../shared/policy";
import { SecureBucket } from "../shared/secure-bucket";

export interface AuditTrailProps {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Create the account's trail here; one environment (or module call) per account does. */
  readonly create: Flag;
  /** Days log files stay in the bucket. */
  readonly retentionDays: number;
  /** `prevent_destroy` on the key and the bucket (a literal). */
  readonly preventDestroy: boolean;
}

/** Bucket names are global: account and region make this one unique. */
export function auditBucketName(name: string, accountId: string, region: string): string {
  return `${name}-audit-${accountId}-${region}`;
}

/**
 * The account's CloudTrail trail: every region, global service events, log file validation,
 * encrypted with its own customer-managed key into a versioned, TLS-only, private bucket. The key
 * and bucket policies admit CloudTrail for this trail only (aws:SourceArn).
 */
export class AuditTrail extends Construct {
  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const count = countWhen(props.create);
    const trailName = `${props.name}-audit`;
    // Known before the trail exists, so the key and bucket policies can name it without a cycle.
    const trailArn = `arn:${props.partition}:cloudtrail:${props.region}:${props.accountId}:trail/${trailName}`;
    const fromThisTrail = { test: "StringEquals", variable: "aws:SourceArn", values: [trailArn] };
    const cloudTrail = [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }];

    const keyStatements: Statement[] = [
      {
        sid: "CloudTrailEncryptsThisTrailsLogs",
        actions: ["kms:GenerateDataKey"],
        resources: ["*"],
        principals: cloudTrail,
        condition: [
          fromThisTrail,
          {
            test: "StringLike",
            variable: "kms:EncryptionContext:aws:cloudtrail:arn",
            values: [`arn:${props.partition}:cloudtrail:*:${props.accountId}:trail/*`],
          },
        ],
      },
      { sid: "CloudTrailDescribesKey", actions: ["kms:DescribeKey"], resources: ["*"], principals: cloudTrail, condition: [fromThisTrail] },
    ];

    const key = new CustomerManagedKey(this, "kms", {
      count,
      alias: `${props.name}/audit`,
      description: `${props.name}: CloudTrail log files`,
      accountId: props.accountId,
      partition: props.partition,
      serviceStatements: keyStatements,
      preventDestroy: props.preventDestroy,
    });

    const bucket = new SecureBucket(this, "bucket", {
      count,
      bucketName: auditBucketName(props.name, props.accountId, props.region),
      kmsKeyArn: key.arn,
      preventDestroy: props.preventDestroy,
      policyStatements: (arn) => [
        { sid: "CloudTrailChecksBucketAcl", actions: ["s3:GetBucketAcl"], resources: [arn], principals: cloudTrail, condition: [fromThisTrail] },
        {
          sid: "CloudTrailWritesLogFiles",
          actions: ["s3:PutObject"],
          resources: [`${arn}/AWSLogs/${props.accountId}/*`],
          principals: cloudTrail,
          condition: [fromThisTrail, { test: "StringEquals", variable: "s3:x-amz-acl", values: ["bucket-owner-full-control"] }],
        },
      ],
      lifecycleRules: [
        {
          id: "expire-log-files",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: props.retentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        },
      ],
    });

    new Cloudtrail(this, "trail", {
      count,
      name: trailName,
      s3BucketName: bucket.name,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      // CloudTrail checks the bucket policy when the trail is created.
      dependsOn: [bucket.policy],
    });
  }
}
