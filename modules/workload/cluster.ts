import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import { ResourceNames, Service, SERVICES } from "../../config/naming";
import { encryptedLogGroup } from "../shared/log-group";

export interface ClusterProps {
  readonly names: ResourceNames;
  readonly execKmsKeyArn: string;
  readonly logsKmsKeyArn: string;
  readonly logRetentionDays: number;
}

/** The Fargate cluster with Container Insights, KMS-encrypted and logged ECS Exec, and the service log groups. */
export class Cluster extends Construct {
  readonly cluster: EcsCluster;
  /** What a service with a capacity provider strategy waits for (FARGATE and FARGATE_SPOT on the cluster). */
  readonly capacityProviders: EcsClusterCapacityProviders;
  readonly logGroups = {} as Record<Service, CloudwatchLogGroup>;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    const { names } = props;
    const logGroup = (logicalId: string, name: string) =>
      encryptedLogGroup(this, logicalId, { name, kmsKeyArn: props.logsKmsKeyArn, retentionDays: props.logRetentionDays });

    const execLogs = logGroup("exec_log_group", names.execLogGroup);
    // Both services' log groups always exist (empty groups cost nothing): switching a service on
    // or off never touches its logs.
    for (const service of SERVICES) {
      this.logGroups[service] = logGroup(`${service}_log_group`, names.serviceLogGroup(service));
    }

    this.cluster = new EcsCluster(this, "cluster", {
      name: names.cluster,
      setting: [{ name: "containerInsights", value: "enabled" }],
      configuration: {
        executeCommandConfiguration: {
          kmsKeyId: props.execKmsKeyArn,
          logging: "OVERRIDE",
          logConfiguration: {
            cloudWatchEncryptionEnabled: true,
            cloudWatchLogGroupName: execLogs.name,
          },
        },
      },
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, "capacity_providers", {
      clusterName: this.cluster.name,
      capacityProviders: ["FARGATE", "FARGATE_SPOT"],
      defaultCapacityProviderStrategy: [{ capacityProvider: "FARGATE", weight: 1, base: 0 }],
    });
  }
}
