import { Construct } from "constructs";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { bucketNames, resourceNames } from "../../config/naming";
import { OutputValues } from "../../stacks/outputs";
import { networkOutputs } from "../network/contract";
import { securityOutputs } from "../security/contract";
import { Flag, MapInput } from "../shared/expressions";
import { Athena } from "./athena";
import { Backup } from "./backup";
import { Buckets } from "./buckets";
import { storageOutputs } from "./contract";
import { FileSystem } from "./file-system";
import { DataSync, dataSyncRole } from "./data-sync";
import { Repositories } from "./repositories";
import { Sftp, SftpUser } from "./sftp";
import { UploadTrigger } from "./upload-trigger";

export { storageOutputs } from "./contract";

export interface StorageInputs {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** RStudio users by name (active and retained); each has a home directory access point. */
  readonly users: MapInput<unknown>;
  /** Days to keep load balancer and S3 access logs. */
  readonly accessLogRetentionDays: number;
  /** `prevent_destroy` on EFS and the buckets (a literal: Terraform cannot take it from a variable). */
  readonly preventDestroy: boolean;
  /** `prevent_destroy` on the home access points; lifted only to purge a former user. */
  readonly protectUserData: boolean;
  readonly sftp: { readonly enabled: Flag; readonly publicEndpoint: Flag; readonly users: MapInput<SftpUser> };
  /** DataSync schedule expression of the full S3 -> EFS sync. */
  readonly syncSchedule: string;
  readonly athena: { readonly bytesScannedCutoffPerQueryGb: number; readonly resultRetentionDays: number };
  readonly backup: { readonly schedule: string; readonly retentionDays: number };
  /** Retention of the SFTP, DataSync and sync-function logs. */
  readonly logRetentionDays: number;
}

export type StorageUpstream = Pick<OutputValues<typeof networkOutputs>, "vpcId" | "publicSubnetIds" | "privateSubnetIdsByZone"> &
  Pick<
    OutputValues<typeof securityOutputs>,
    | "storageKmsKeyArn"
    | "logsKmsKeyArn"
    | "efsSecurityGroupId"
    | "sftpSecurityGroupId"
    | "dataSyncSecurityGroupId"
    | "syncFunctionSecurityGroupId"
    | "rstudioTaskRoleArn"
    | "shinyTaskRoleArn"
  >;

/**
 * The stateful layer and the data path: EFS with its access points, the data and log buckets, the ECR
 * repositories; SFTP uploads into the data bucket, their sync into EFS, Athena, and EFS backups.
 */
export class StorageLayer extends Construct {
  readonly outputs: OutputValues<typeof storageOutputs>;

  constructor(scope: Construct, id: string, inputs: StorageInputs, upstream: StorageUpstream) {
    super(scope, id);
    const names = resourceNames(inputs.name);

    const account = { accountId: inputs.accountId, region: inputs.region, partition: new DataAwsPartition(this, "partition").partition };
    const bucketNamesHere = bucketNames({ namePrefix: inputs.name, accountId: inputs.accountId, region: inputs.region });
    const dataBucketArn = `arn:${account.partition}:s3:::${bucketNamesHere.data}`;
    const syncRole = dataSyncRole(this, { ...account, name: inputs.name, dataBucketArn, kmsKeyArn: upstream.storageKmsKeyArn });

    const fileSystem = new FileSystem(this, "efs", {
      name: inputs.name,
      kmsKeyArn: upstream.storageKmsKeyArn,
      subnetIdsByZone: upstream.privateSubnetIdsByZone,
      securityGroupId: upstream.efsSecurityGroupId,
      users: inputs.users,
      rstudioRoleArn: upstream.rstudioTaskRoleArn,
      shinyRoleArn: upstream.shinyTaskRoleArn,
      dataSyncRoleArn: syncRole.arn,
      ...account,
      preventDestroy: inputs.preventDestroy,
      protectHomes: inputs.protectUserData,
    });
    const buckets = new Buckets(this, "buckets", {
      names: bucketNamesHere,
      accountId: inputs.accountId,
      kmsKeyArn: upstream.storageKmsKeyArn,
      logRetentionDays: inputs.accessLogRetentionDays,
      preventDestroy: inputs.preventDestroy,
    });
    const repositories = new Repositories(this, "ecr", { names, kmsKeyArn: upstream.storageKmsKeyArn });

    const logs = { logsKmsKeyArn: upstream.logsKmsKeyArn, logRetentionDays: inputs.logRetentionDays };
    const sftp = new Sftp(this, "sftp", {
      ...account,
      ...logs,
      name: inputs.name,
      ...inputs.sftp,
      vpcId: upstream.vpcId,
      privateSubnetIdsByZone: upstream.privateSubnetIdsByZone,
      publicSubnetIds: upstream.publicSubnetIds,
      securityGroupId: upstream.sftpSecurityGroupId,
      dataBucketName: buckets.data.name,
      dataBucketArn: buckets.data.arn,
      storageKmsKeyArn: upstream.storageKmsKeyArn,
    });
    const dataSync = new DataSync(this, "datasync", {
      ...account,
      ...logs,
      name: inputs.name,
      role: syncRole,
      dataBucketArn: buckets.data.arn,
      fileSystem: fileSystem.fileSystem,
      dataAccessPoint: fileSystem.dataAccessPoint,
      mountTargets: fileSystem.mountTargets,
      subnetIdsByZone: upstream.privateSubnetIdsByZone,
      securityGroupId: upstream.dataSyncSecurityGroupId,
      schedule: inputs.syncSchedule,
    });
    new UploadTrigger(this, "upload_trigger", {
      ...account,
      ...logs,
      name: inputs.name,
      dataBucketName: buckets.data.name,
      task: dataSync.onUploadTask,
      subnetIdsByZone: upstream.privateSubnetIdsByZone,
      securityGroupId: upstream.syncFunctionSecurityGroupId,
      storageKmsKeyArn: upstream.storageKmsKeyArn,
    });
    const athena = new Athena(this, "athena", {
      name: inputs.name,
      accountId: inputs.accountId,
      resultsBucketName: bucketNamesHere.athenaResults,
      dataBucketName: buckets.data.name,
      logBucketName: buckets.logs.name,
      kmsKeyArn: upstream.storageKmsKeyArn,
      bytesScannedCutoffPerQueryGb: inputs.athena.bytesScannedCutoffPerQueryGb,
      resultRetentionDays: inputs.athena.resultRetentionDays,
      preventDestroy: inputs.preventDestroy,
    });
    new Backup(this, "backup", {
      name: inputs.name,
      accountId: inputs.accountId,
      partition: account.partition,
      kmsKeyArn: upstream.storageKmsKeyArn,
      resourceArns: [fileSystem.fileSystem.arn],
      ...inputs.backup,
      preventDestroy: inputs.preventDestroy,
    });

    this.outputs = {
      fileSystemId: fileSystem.fileSystem.id,
      fileSystemArn: fileSystem.fileSystem.arn,
      homeAccessPointIds: fileSystem.homeAccessPointIds,
      shinyAppsAccessPointId: fileSystem.shinyAppsAccessPointId,
      dataBucketName: buckets.data.name,
      dataBucketArn: buckets.data.arn,
      logBucketName: buckets.logs.name,
      rstudioRepositoryUrl: repositories.urls.rstudio,
      shinyRepositoryUrl: repositories.urls.shiny,
      dataAccessPointId: fileSystem.dataAccessPoint.id,
      athenaWorkgroupName: athena.workgroupName,
      athenaResultsLocation: athena.resultsLocation,
      glueDatabaseName: athena.databaseName,
      sftpServerId: sftp.serverId,
    };
  }
}
