import { Construct } from "constructs";
import { ITerraformDependable, TerraformIterator, Token } from "cdktf";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition, EcsTaskDefinitionVolume } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup, LbTargetGroupStickiness } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { TerraformResource } from "cdktf";
import { choose, firstInstance, Flag, sameKey } from "../shared/expressions";
import { LoadBalancer } from "./load-balancer";
import { setRuleActions, SignIn } from "./sign-in-actions";

export interface EfsMount {
  readonly volumeName: string;
  readonly accessPointId: string;
  readonly containerPath: string;
  readonly readOnly: boolean;
}

/**
 * A read-only root filesystem with empty, task-lifetime volumes at the paths the image writes
 * (Fargate bind mounts on the task's ephemeral storage).
 */
export interface ReadOnlyRoot {
  readonly scratchPaths: readonly string[];
}

/** How many copies of the service exist: one per key of a map (`for_each`), or zero or one (`count`). */
export type Instances = { readonly forEach: TerraformIterator } | { readonly count: number };

export interface WebServiceProps {
  readonly instances: Instances;
  /** ECS service name (unique in the cluster). */
  readonly serviceName: string;
  /** Target group name (at most 32 characters). */
  readonly targetGroupName: string;
  readonly family: string;
  readonly cpu: string;
  readonly memory: string;
  readonly containerName: string;
  readonly image: string;
  readonly port: number;
  readonly host: string;
  readonly listenerPriority: number;
  /** Checks Terraform makes before creating the listener rules (such as distinct priorities). @default [] */
  readonly rulePreconditions?: { condition: string; errorMessage: string }[];
  readonly healthCheck: { readonly path: string; readonly matcher: string };
  /** How long the load balancer drains a task's connections. @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /** Plain settings only; secret values go through `secrets`. @default [] */
  readonly environment?: { name: string; value: string }[];
  /** Container variables filled by ECS from Secrets Manager ARNs. @default [] */
  readonly secrets?: { name: string; valueFrom: string }[];
  readonly mounts: readonly EfsMount[];
  /** @default a writable root filesystem */
  readonly readOnlyRoot?: ReadOnlyRoot;
  /** Sign users in at the load balancer before forwarding to the service. @default none */
  readonly signIn?: SignIn;
  readonly desiredCount: number;
  /** RStudio must never run two tasks on one home: 0/100 stops the old task first. */
  readonly deployment: { readonly minimumHealthyPercent: number; readonly maximumPercent: number };
  /** When an autoscaler owns the task count, Terraform must not reset it. @default false */
  readonly autoscaled?: boolean;
  /** Run tasks beyond the first on Fargate Spot. @default on-demand Fargate only */
  readonly fargateSpot?: Flag;
  readonly stickiness?: LbTargetGroupStickiness;
  readonly loadBalancer: LoadBalancer;
  /** Which load balancer serves this service: an HCL expression (`each.value.load_balancer`, `"0"`). */
  readonly loadBalancerKey: string;
  readonly cluster: { readonly id: string; readonly name: string; readonly capacityProviders: ITerraformDependable };
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
  readonly taskDefinition: EcsTaskDefinition;
  readonly targetGroup: LbTargetGroup;
  readonly record: Route53Record;

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    const meta = props.instances;
    /** An attribute of this copy's instance of another resource of the service. */
    const own = (resource: TerraformResource, attribute: string) =>
      "forEach" in meta ? sameKey(resource, attribute) : firstInstance(resource, attribute);

    this.targetGroup = new LbTargetGroup(this, "target_group", {
      ...meta,
      name: props.targetGroupName,
      port: props.port,
      protocol: "HTTP",
      targetType: "ip",
      vpcId: props.vpcId,
      deregistrationDelay: String(props.deregistrationDelaySeconds ?? 30),
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
    const forward = { type: "forward", targetGroupArn: own(this.targetGroup, "arn") };
    const rule = new LbListenerRule(this, "listener_rule", {
      ...meta,
      listenerArn: props.loadBalancer.attribute("https", props.loadBalancerKey, "arn"),
      priority: props.listenerPriority,
      action: [forward],
      condition: [{ hostHeader: { values: [props.host] } }],
      lifecycle: props.rulePreconditions ? { precondition: props.rulePreconditions } : undefined,
    });
    setRuleActions(rule, forward, props.signIn);

    const scratch = (props.readOnlyRoot?.scratchPaths ?? []).map((path) => ({ volumeName: scratchVolumeName(path), containerPath: path }));
    const volumes: EcsTaskDefinitionVolume[] = [
      ...props.mounts.map((mount) => ({
        name: mount.volumeName,
        efsVolumeConfiguration: {
          fileSystemId: props.fileSystemId,
          transitEncryption: "ENABLED",
          authorizationConfig: { accessPointId: mount.accessPointId, iam: "ENABLED" },
        },
      })),
      ...scratch.map((volume) => ({ name: volume.volumeName })),
    ];
    const container = {
      name: props.containerName,
      image: props.image,
      essential: true,
      portMappings: [{ containerPort: props.port, protocol: "tcp" }],
      environment: props.environment ?? [],
      secrets: props.secrets ?? [],
      mountPoints: [
        ...props.mounts.map((mount) => ({
          sourceVolume: mount.volumeName,
          containerPath: mount.containerPath,
          readOnly: mount.readOnly,
        })),
        ...scratch.map((volume) => ({ sourceVolume: volume.volumeName, containerPath: volume.containerPath, readOnly: false })),
      ],
      // Only when true: an explicit false would give every running service a new task definition.
      ...(props.readOnlyRoot ? { readonlyRootFilesystem: true } : {}),
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
    this.taskDefinition = new EcsTaskDefinition(this, "task_definition", {
      ...meta,
      family: props.family,
      cpu: props.cpu,
      memory: props.memory,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      volume: volumes,
      containerDefinitions: containerDefinitions([container]),
    });

    this.service = new EcsService(this, "service", {
      ...meta,
      name: props.serviceName,
      cluster: props.cluster.id,
      taskDefinition: own(this.taskDefinition, "arn"),
      desiredCount: props.desiredCount,
      ...(props.fargateSpot === undefined
        ? { launchType: "FARGATE" }
        : {
            // One task always on demand; with Spot on, every further task on Spot.
            capacityProviderStrategy: [
              { capacityProvider: "FARGATE", base: 1, weight: Token.asNumber(choose(props.fargateSpot, 0, 1)) },
              { capacityProvider: "FARGATE_SPOT", weight: Token.asNumber(choose(props.fargateSpot, 1, 0)) },
            ],
            // Without it the provider replaces the service on any change of the strategy (switching
            // Spot on or off); with it, ECS rolls the tasks onto the new strategy in place.
            forceNewDeployment: true,
          }),
      platformVersion: "LATEST",
      networkConfiguration: {
        subnets: props.subnetIds,
        securityGroups: [props.securityGroupId],
        assignPublicIp: false,
      },
      loadBalancer: [{ targetGroupArn: own(this.targetGroup, "arn"), containerName: props.containerName, containerPort: props.port }],
      healthCheckGracePeriodSeconds: 180,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: props.deployment.minimumHealthyPercent,
      deploymentMaximumPercent: props.deployment.maximumPercent,
      enableExecuteCommand: true,
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      waitForSteadyState: false,
      lifecycle: props.autoscaled ? { ignoreChanges: ["desired_count"] } : undefined,
      // A strategy may only name capacity providers already associated with the cluster.
      dependsOn: props.fargateSpot === undefined ? [rule] : [rule, props.cluster.capacityProviders],
    });
    this.record = new Route53Record(this, "dns_record", {
      ...meta,
      zoneId: props.loadBalancer.hostedZoneId,
      name: props.host,
      type: "A",
      alias: {
        name: props.loadBalancer.attribute("alb", props.loadBalancerKey, "dns_name"),
        zoneId: props.loadBalancer.attribute("alb", props.loadBalancerKey, "zone_id"),
        evaluateTargetHealth: true,
      },
    });
  }
}

/** `/var/log/shiny-server` -> `scratch-var-log-shiny-server`. */
export function scratchVolumeName(path: string): string {
  return `scratch${path.replace(/[^A-Za-z0-9]+/g, "-")}`.replace(/-$/, "");
}

/**
 * Container definitions as the JSON string ECS expects. Only string values may be Terraform
 * expressions here: a list or number token would be serialized as its placeholder.
 */
export function containerDefinitions(containers: object[]): string {
  const json = JSON.stringify(containers);
  if (/#\{TfToken|-?\d\.\d+e\+\d+/.test(json) || containers.some((c) => Token.isUnresolved(c))) {
    throw new Error("container definitions may only embed string expressions; use Fn.jsonencode for lists and numbers");
  }
  return json;
}
