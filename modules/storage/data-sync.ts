import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { DatasyncLocationEfs } from "@cdktf/provider-aws/lib/datasync-location-efs";
import { DatasyncLocationS3 } from "@cdktf/provider-aws/lib/datasync-location-s3";
import { DatasyncTask, DatasyncTaskOptions } from "@cdktf/provider-aws/lib/datasync-task";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { resourceNames, UPLOADS_PREFIX } from "../../config/naming";
import { MapValue } from "../../stacks/outputs";
import { encryptedLogGroup } from "../shared/log-group";
import { policyDocument, serviceTrust } from "../shared/policy";

export interface AccountContext {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

/** The role DataSync takes to read uploads from S3 and to mount EFS (granted in the file system policy). */
export function dataSyncRole(
  scope: Construct,
  props: AccountContext & { readonly name: string; readonly dataBucketArn: string; readonly kmsKeyArn: string },
): IamRole {
  const role = new IamRole(scope, "datasync_role", {
    name: `${props.name}-datasync`,
    assumeRolePolicy: serviceTrust(scope, "datasync_trust", "datasync.amazonaws.com", props.accountId, {
      sourceArn: `arn:${props.partition}:datasync:${props.region}:${props.accountId}:*`,
    }),
  });
  new IamRolePolicy(scope, "datasync_policy", {
    name: "read-uploads",
    role: role.id,
    policy: policyDocument(scope, "datasync_policy_document", [
      {
        sid: "ListUploads",
        actions: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
        resources: [props.dataBucketArn],
      },
      {
        sid: "ReadUploads",
        actions: ["s3:GetObject", "s3:GetObjectTagging", "s3:GetObjectVersion", "s3:GetObjectVersionTagging", "s3:ListMultipartUploadParts"],
        resources: [`${props.dataBucketArn}/${UPLOADS_PREFIX}*`],
      },
      {
        sid: "DecryptUploads",
        actions: ["kms:Decrypt"],
        resources: [props.kmsKeyArn],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: [`s3.${props.region}.amazonaws.com`] }],
      },
    ]),
  });
  return role;
}

export interface DataSyncProps extends AccountContext {
  readonly name: string;
  readonly role: IamRole;
  readonly dataBucketArn: string;
  readonly fileSystem: EfsFileSystem;
  readonly dataAccessPoint: EfsAccessPoint;
  /** DataSync's network interfaces need a mount target in their zone. */
  readonly mountTargets: EfsMountTarget;
  readonly subnetIdsByZone: MapValue;
  readonly securityGroupId: string;
  /** A DataSync schedule expression for the full sync. */
  readonly schedule: string;
  readonly logsKmsKeyArn: string;
  readonly logRetentionDays: number;
}

/**
 * Copies `uploads/` of the data bucket into the data access point of EFS (`/srv/data` in the
 * containers), over TLS. Two tasks share the locations: `scheduled` copies everything changed on
 * the schedule; `on_upload` is started by the upload trigger with an include filter of the new files.
 */
export class DataSync extends Construct {
  readonly onUploadTask: DatasyncTask;

  constructor(scope: Construct, id: string, props: DataSyncProps) {
    super(scope, id);
    const { accountId, region, partition } = props;
    const ec2Arn = (resource: string) => `arn:${partition}:ec2:${region}:${accountId}:${resource}`;

    const source = new DatasyncLocationS3(this, "uploads", {
      s3BucketArn: props.dataBucketArn,
      subdirectory: `/${UPLOADS_PREFIX}`,
      s3StorageClass: "STANDARD",
      s3Config: { bucketAccessRoleArn: props.role.arn },
    });
    const firstSubnetId = Token.asString(Fn.element(Fn.values(props.subnetIdsByZone), 0));
    const destination = new DatasyncLocationEfs(this, "efs_data", {
      efsFileSystemArn: props.fileSystem.arn,
      accessPointArn: props.dataAccessPoint.arn,
      fileSystemAccessRoleArn: props.role.arn,
      inTransitEncryption: "TLS1_2",
      ec2Config: {
        subnetArn: ec2Arn(`subnet/${firstSubnetId}`),
        securityGroupArns: [ec2Arn(`security-group/${props.securityGroupId}`)],
      },
      dependsOn: [props.mountTargets],
    });

    const logGroup = encryptedLogGroup(this, "log_group", {
      name: resourceNames(props.name).dataPathLogGroup("datasync"),
      kmsKeyArn: props.logsKmsKeyArn,
      retentionDays: props.logRetentionDays,
    });
    new CloudwatchLogResourcePolicy(this, "log_delivery", {
      policyName: `${props.name}-datasync`,
      policyDocument: policyDocument(this, "log_delivery_document", [
        {
          sid: "DataSyncWritesTaskLogs",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          principals: [{ type: "Service", identifiers: ["datasync.amazonaws.com"] }],
          resources: [`${logGroup.arn}:*`],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:datasync:${region}:${accountId}:task/*`] },
          ],
        },
      ]),
    });

    const options: DatasyncTaskOptions = {
      transferMode: "CHANGED",
      verifyMode: "ONLY_FILES_TRANSFERRED",
      overwriteMode: "ALWAYS",
      // Deleting an upload never deletes what a data scientist may already be using.
      preserveDeletedFiles: "PRESERVE",
      // S3 has no POSIX metadata; the access point writes everything as 1000:1000.
      posixPermissions: "NONE",
      uid: "NONE",
      gid: "NONE",
      objectTags: "NONE",
      logLevel: "TRANSFER",
      taskQueueing: "ENABLED",
    };
    const task = (taskId: string, name: string, schedule?: string) =>
      new DatasyncTask(this, taskId, {
        name: `${props.name}-${name}`,
        sourceLocationArn: source.arn,
        destinationLocationArn: destination.arn,
        cloudwatchLogGroupArn: logGroup.arn,
        options,
        schedule: schedule ? { scheduleExpression: schedule } : undefined,
      });
    task("scheduled", "sync-scheduled", props.schedule);
    this.onUploadTask = task("on_upload", "sync-on-upload");
  }
}
