import { Construct } from "constructs";
import { TerraformIterator } from "cdktf";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { Flag, MapInput, mapWhen, sameKey } from "../shared/expressions";

/** Working hours for RStudio: expressions of Application Auto Scaling, in `timezone`. */
export interface RStudioSchedule {
  readonly enabled: Flag;
  readonly timezone: string;
  /** For example `cron(0 7 ? * MON-FRI *)`. */
  readonly start: string;
  /** For example `cron(0 20 * * ? *)`. */
  readonly stop: string;
}

export interface RStudioScheduleProps {
  readonly schedule: RStudioSchedule;
  /** The RStudio users (keys of the services' for_each). */
  readonly users: MapInput<unknown>;
  readonly clusterName: string;
  readonly service: EcsService;
}

/**
 * Scales every RStudio service to zero outside working hours and back to one: idle containers are
 * most of the bill at night. Homes live on EFS, so nothing is lost; a session restarts in the morning.
 */
export class RStudioScheduleScaling extends Construct {
  constructor(scope: Construct, id: string, props: RStudioScheduleProps) {
    super(scope, id);
    const users = TerraformIterator.fromMap(mapWhen(props.schedule.enabled, props.users));
    const target = new AppautoscalingTarget(this, "target", {
      forEach: users,
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${sameKey(props.service, "name")}`,
      minCapacity: 0,
      maxCapacity: 1,
    });
    const targets = TerraformIterator.fromResources(target);
    for (const [name, schedule, capacity] of [
      ["start", props.schedule.start, 1],
      ["stop", props.schedule.stop, 0],
    ] as const) {
      new AppautoscalingScheduledAction(this, name, {
        forEach: targets,
        name: `rstudio-\${each.key}-${name}`,
        serviceNamespace: targets.getString("service_namespace"),
        scalableDimension: targets.getString("scalable_dimension"),
        resourceId: targets.getString("resource_id"),
        schedule,
        timezone: props.schedule.timezone,
        scalableTargetAction: { minCapacity: String(capacity), maxCapacity: String(capacity) },
      });
    }
  }
}
