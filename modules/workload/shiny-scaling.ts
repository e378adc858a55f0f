import { Construct } from "constructs";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { firstInstance } from "../shared/expressions";

export interface ShinyScalingProps {
  /** 1 when Shiny exists, else 0. */
  readonly count: number;
  readonly clusterName: string;
  readonly serviceName: string;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly targetCpuPercent: number;
  readonly targetMemoryPercent: number;
  readonly targetRequestsPerTask: number;
  /** `<alb arn suffix>/<target group arn suffix>`, the label of the request-count metric. */
  readonly requestCountResourceLabel: string;
}

/** Target tracking on CPU, memory and requests per task: the service scales out on whichever is hot. */
export class ShinyScaling extends Construct {
  constructor(scope: Construct, id: string, props: ShinyScalingProps) {
    super(scope, id);
    const target = new AppautoscalingTarget(this, "target", {
      count: props.count,
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minTasks,
      maxCapacity: props.maxTasks,
    });
    const policies = [
      { name: "cpu", metric: "ECSServiceAverageCPUUtilization", value: props.targetCpuPercent },
      { name: "memory", metric: "ECSServiceAverageMemoryUtilization", value: props.targetMemoryPercent },
      {
        name: "requests",
        metric: "ALBRequestCountPerTarget",
        value: props.targetRequestsPerTask,
        resourceLabel: props.requestCountResourceLabel,
      },
    ];
    for (const policy of policies) {
      new AppautoscalingPolicy(this, policy.name, {
        count: props.count,
        name: `shiny-${policy.name}`,
        policyType: "TargetTrackingScaling",
        serviceNamespace: firstInstance(target, "service_namespace"),
        scalableDimension: firstInstance(target, "scalable_dimension"),
        resourceId: firstInstance(target, "resource_id"),
        targetTrackingScalingPolicyConfiguration: {
          targetValue: policy.value,
          predefinedMetricSpecification: {
            predefinedMetricType: policy.metric,
            resourceLabel: policy.resourceLabel,
          },
          scaleInCooldown: 300,
          scaleOutCooldown: 60,
        },
      });
    }
  }
}
