import { Construct } from "constructs";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition, EcsTaskDefinitionVolume } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup, LbTargetGroupStickiness } from "@cdktf/provider-aws/lib/lb-target-group";
import { LoadBalancer } from "./load-balancer";

export interface EfsMount {
  readonly volumeName: string;
  readonly accessPointId: string;
  readonly containerPath: string;
  readonly readOnly: boolean;
}

export interface WebServiceProps {
  /** ECS service name (unique in the cluster). */
  readonly serviceName: string;
  /** Target group name (at most 32 characters). */
  readonly targetGroupName: string;
  readonly family: string;
  readonly cpu: number;
  readonly memory: number;
  readonly containerName: string;
  readonly image: string;
  readonly port: number;
  readonly host: string;
  readonly listenerPriority: number;
  readonly healthCheck: { readonly path: string; readonly matcher: string };
  /** Plain settings only; secret values go through `secrets`. @default [] */
  readonly environment?: { name: string; value: string }[];
  /** Container variables filled by ECS from Secrets Manager ARNs. @default [] */
  readonly secrets?: { name: string; valueFrom: string }[];
  readonly mounts: readonly EfsMount[];
  readonly desiredCount: number;
  /** RStudio must never run two tasks on one home: 0/100 stops the old task first. */
  readonly deployment: { readonly minimumHealthyPercent: number; readonly maximumPercent: number };
  /** When an autoscaler owns the task count, Terraform must not reset it. @default false */
  readonly autoscaled?: boolean;
  readonly stickiness?: LbTargetGroupStickiness;
  readonly loadBalancer: LoadBalancer;
  readonly cluster: { readonly id: string; readonly name: string };
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly securityGroupId: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly fileSystemId: string;
  readonly logGroupName: string;
  readonly region: string;
}

/**
 * A Fargate service behind the shared ALB on its own host name: target group, host-header rule,
 * task definition (EFS through access points, TLS in transit, IAM authorization), the service
 * (private subnets, no public IP, ECS Exec, circuit breaker with rollback) and its DNS alias.
 */
export class WebService extends Construct {
  readonly service: EcsService;
  readonly targetGroup: LbTargetGroup;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    this.targetGroup = new LbTargetGroup(this, "target_group", {
      name: props.targetGroupName,
      port: props.port,
      protocol: "HTTP",
      targetType: "ip",
      vpcId: props.vpcId,
      deregistrationDelay: "30",
      healthCheck: {
        enabled: true,
        path: props.healthCheck.path,
        matcher: props.healthCheck.matcher,
        interval: 30,
        timeout: 10,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
      stickiness: props.stickiness,
    });
    const rule = new LbListenerRule(this, "listener_rule", {
      listenerArn: props.loadBalancer.httpsListener.arn,
      priority: props.listenerPriority,
      action: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      condition: [{ hostHeader: { values: [props.host] } }],
    });

    const volumes: EcsTaskDefinitionVolume[] = props.mounts.map((mount) => ({
      name: mount.volumeName,
      efsVolumeConfiguration: {
        fileSystemId: props.fileSystemId,
        transitEncryption: "ENABLED",
        authorizationConfig: { accessPointId: mount.accessPointId, iam: "ENABLED" },
      },
    }));
    const container = {
      name: props.containerName,
      image: props.image,
      essential: true,
      portMappings: [{ containerPort: props.port, protocol: "tcp" }],
      environment: props.environment ?? [],
      secrets: props.secrets ?? [],
      mountPoints: props.mounts.map((mount) => ({
        sourceVolume: mount.volumeName,
        containerPath: mount.containerPath,
        readOnly: mount.readOnly,
      })),
      // rocker images start s6-overlay as /init, which must be PID 1: no ECS-provided init process.
      linuxParameters: { initProcessEnabled: false },
      privileged: false,
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-group": props.logGroupName,
          "awslogs-region": props.region,
          "awslogs-stream-prefix": props.serviceName,
        },
      },
    };
    const taskDefinition = new EcsTaskDefinition(this, "task_definition", {
      family: props.family,
      cpu: String(props.cpu),
      memory: String(props.memory),
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      volume: volumes,
      // Only string values (ARNs, names) are interpolated, so plain JSON stays valid JSON.
      containerDefinitions: JSON.stringify([container]),
    });

    this.service = new EcsService(this, "service", {
      name: props.serviceName,
      cluster: props.cluster.id,
      taskDefinition: taskDefinition.arn,
      desiredCount: props.desiredCount,
      launchType: "FARGATE",
      platformVersion: "LATEST",
      networkConfiguration: {
        subnets: props.subnetIds,
        securityGroups: [props.securityGroupId],
        assignPublicIp: false,
      },
      loadBalancer: [{ targetGroupArn: this.targetGroup.arn, containerName: props.containerName, containerPort: props.port }],
      healthCheckGracePeriodSeconds: 180,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: props.deployment.minimumHealthyPercent,
      deploymentMaximumPercent: props.deployment.maximumPercent,
      enableExecuteCommand: true,
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      waitForSteadyState: false,
      lifecycle: props.autoscaled ? { ignoreChanges: ["desired_count"] } : undefined,
      dependsOn: [rule],
    });
    props.loadBalancer.addAlias(this, "dns_record", props.host);
  }
}
