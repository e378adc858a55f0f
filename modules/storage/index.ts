import { Construct } from "constructs";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { bucketNames, resourceNames } from "../../config/naming";
import { OutputValues } from "../../stacks/outputs";
import { networkOutputs } from "../network/contract";
import { securityOutputs } from "../security/contract";
import { MapInput } from "../shared/expressions";
import { Buckets } from "./buckets";
import { storageOutputs } from "./contract";
import { FileSystem } from "./file-system";
import { Repositories } from "./repositories";

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
}

export type StorageUpstream = Pick<OutputValues<typeof networkOutputs>, "privateSubnetIdsByZone"> &
  Pick<OutputValues<typeof securityOutputs>, "storageKmsKeyArn" | "efsSecurityGroupId" | "rstudioTaskRoleArn" | "shinyTaskRoleArn">;

/** The stateful layer: EFS with its access points, the data and log buckets, the ECR repositories. */
export class StorageLayer extends Construct {
  readonly outputs: OutputValues<typeof storageOutputs>;

  constructor(scope: Construct, id: string, inputs: StorageInputs, upstream: StorageUpstream) {
    super(scope, id);
    const names = resourceNames(inputs.name);

    const fileSystem = new FileSystem(this, "efs", {
      name: inputs.name,
      kmsKeyArn: upstream.storageKmsKeyArn,
      subnetIdsByZone: upstream.privateSubnetIdsByZone,
      securityGroupId: upstream.efsSecurityGroupId,
      users: inputs.users,
      rstudioRoleArn: upstream.rstudioTaskRoleArn,
      shinyRoleArn: upstream.shinyTaskRoleArn,
      accountId: inputs.accountId,
      region: inputs.region,
      partition: new DataAwsPartition(this, "partition").partition,
      preventDestroy: inputs.preventDestroy,
      protectHomes: inputs.protectUserData,
    });
    const buckets = new Buckets(this, "buckets", {
      names: bucketNames({ namePrefix: inputs.name, accountId: inputs.accountId, region: inputs.region }),
      accountId: inputs.accountId,
      kmsKeyArn: upstream.storageKmsKeyArn,
      logRetentionDays: inputs.accessLogRetentionDays,
      preventDestroy: inputs.preventDestroy,
    });
    const repositories = new Repositories(this, "ecr", { names, kmsKeyArn: upstream.storageKmsKeyArn });

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
    };
  }
}
