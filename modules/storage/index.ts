import { Construct } from "constructs";
import { EnvironmentConfig } from "../../config/load";
import { resourceNames } from "../../config/naming";
import { OutputValues, ProducedValues } from "../../stacks/outputs";
import { networkOutputs } from "../network/contract";
import { securityOutputs } from "../security/contract";
import { Buckets } from "./buckets";
import { storageOutputs } from "./contract";
import { FileSystem } from "./file-system";
import { Repositories } from "./repositories";

export { storageOutputs } from "./contract";

export interface StorageLayerProps {
  readonly config: Pick<
    EnvironmentConfig,
    "namePrefix" | "accountId" | "region" | "network" | "rstudio" | "loadBalancer" | "preventDestroy"
  >;
  readonly network: Pick<OutputValues<typeof networkOutputs>, "privateSubnetIds">;
  readonly security: Pick<
    OutputValues<typeof securityOutputs>,
    "storageKmsKeyArn" | "efsSecurityGroupId" | "rstudioTaskRoleArn" | "shinyTaskRoleArn"
  >;
}

/** The stateful layer: EFS with its access points, the data and log buckets, the ECR repositories. */
export class StorageLayer extends Construct {
  readonly outputs: ProducedValues<typeof storageOutputs>;

  constructor(scope: Construct, id: string, props: StorageLayerProps) {
    super(scope, id);
    const { config, security } = props;
    const names = resourceNames(config);

    const fileSystem = new FileSystem(this, "efs", {
      namePrefix: config.namePrefix,
      kmsKeyArn: security.storageKmsKeyArn,
      availabilityZones: config.network.availabilityZones,
      privateSubnetIds: props.network.privateSubnetIds,
      securityGroupId: security.efsSecurityGroupId,
      users: config.rstudio.enabled ? config.rstudio.users.map((user) => user.name) : [],
      clientRoleArns: [security.rstudioTaskRoleArn, security.shinyTaskRoleArn],
      preventDestroy: config.preventDestroy,
    });
    const buckets = new Buckets(this, "buckets", {
      names,
      accountId: config.accountId,
      kmsKeyArn: security.storageKmsKeyArn,
      logRetentionDays: config.loadBalancer.accessLogRetentionDays,
      preventDestroy: config.preventDestroy,
    });
    const repositories = new Repositories(this, "ecr", { names, kmsKeyArn: security.storageKmsKeyArn });

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
