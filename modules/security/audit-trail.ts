import { Construct } from "constructs";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { countWhen, firstInstance, Flag } from "../shared/expressions";
import { encryptedLogGroup } from "../shared/log-group";
import { policyDocument, serviceTrust } from "../shared/policy";
import { suppressPolicy } from "../shared/policy-suppressions";
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
  /** The trail also streams to a CloudWatch log group (for metric filters and alarms). */
  readonly logsKmsKeyArn: string;
  readonly logRetentionDays: number;
  /** `prevent_destroy` on the key and the bucket (a literal). */
  readonly preventDestroy: boolean;
}

/** Bucket names are global: account and region make this one unique. */
export function auditBucketName(name: string, accountId: string, region: string): string {
  return `${name}-audit-${accountId}-${region}`;
}

/**
 * The account's CloudTrail trail: every region, global service events, log file validation,
 * encrypted with its own customer-managed key into a versioned, TLS-only, private bucket, and
 * streamed to an encrypted CloudWatch log group. The key and bucket policies admit CloudTrail for
 * this trail only (aws:SourceArn).
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
      policySuppressions: {
        S3_5: "the audit bucket is created in the security layer, before the storage layer's log bucket exists, so it has no server access logs; reads of its log files are not audited either: the trail records management events only (no S3 data events, which would also record the trail's own deliveries). What protects the logs: no public access, a bucket policy that grants only this trail (account principals read through their IAM policies), TLS only, SSE-KMS with the trail's own key, versioning, and log file validation (digest files) that shows a changed or deleted log file",
      },
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

    const logGroup = encryptedLogGroup(this, "log_group", {
      count,
      name: `/${props.name}/cloudtrail`,
      kmsKeyArn: props.logsKmsKeyArn,
      retentionDays: props.logRetentionDays,
    });
    const logRole = new IamRole(this, "log_role", {
      count,
      name: `${props.name}-cloudtrail-logs`,
      assumeRolePolicy: serviceTrust(this, "log_role_trust", "cloudtrail.amazonaws.com", props.accountId, { sourceArn: trailArn, count }),
    });
    const logPolicy = new IamRolePolicy(this, "log_role_policy", {
      count,
      name: "deliver-to-log-group",
      role: firstInstance(logRole, "id"),
      policy: policyDocument(
        this,
        "log_role_policy_document",
        [
          {
            sid: "WriteTrailEvents",
            actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
            resources: [`${firstInstance(logGroup, "arn")}:log-stream:*`],
          },
        ],
        { count },
      ),
    });

    const trail = new Cloudtrail(this, "trail", {
      count,
      name: trailName,
      s3BucketName: bucket.name,
      kmsKeyId: key.arn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${firstInstance(logGroup, "arn")}:*`,
      cloudWatchLogsRoleArn: firstInstance(logRole, "arn"),
      // CloudTrail checks the bucket policy and the log role when the trail is created.
      dependsOn: [bucket.policy, logPolicy],
    });
    if (props.create === false) {
      suppressPolicy(
        trail,
        "CT_1",
        "one multi-region trail records a whole account: this environment's account is covered by the trail of another environment of the account or of the organization (hardening.cloudTrail.managedBy is not this-environment here)",
      );
    }
  }
}
