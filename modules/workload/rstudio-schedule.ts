import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { addressOf, choose, Flag, MapInput, mapWhen, sameKey } from "../shared/expressions";
import { TerraformData } from "../shared/terraform-data";

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
 * Owns the task count of every RStudio service through Application Auto Scaling. With a schedule,
 * services scale to zero outside working hours and back to one (idle containers are most of the
 * bill at night; homes live on EFS, so a session simply restarts in the morning). Without one, each
 * target holds the service at exactly one task.
 *
 * The scheduled actions move the targets' bounds every day, so Terraform ignores them after
 * creation; switching the schedule on or off replaces the targets instead, and registering a target
 * moves the service's count into its bounds (AWS RegisterScalableTarget): removing the schedule at
 * night starts the stopped services again.
 */
export class RStudioScheduleScaling extends Construct {
  constructor(scope: Construct, id: string, props: RStudioScheduleProps) {
    super(scope, id);
    const { enabled } = props.schedule;
    const mode = new TerraformData(this, "mode", { triggersReplace: { mode: choose(enabled, "working-hours", "always-on") } });
    const target = new AppautoscalingTarget(this, "target", {
      forEach: TerraformIterator.fromMap(props.users),
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${sameKey(props.service, "name")}`,
      minCapacity: Token.asNumber(choose(enabled, 0, 1)),
      maxCapacity: 1,
      lifecycle: { ignoreChanges: ["min_capacity", "max_capacity"], replaceTriggeredBy: [addressOf(mode)] },
    });
    const scheduledUsers = TerraformIterator.fromMap(mapWhen(enabled, props.users));
    for (const [name, schedule, capacity] of [
      ["start", props.schedule.start, 1],
      ["stop", props.schedule.stop, 0],
    ] as const) {
      new AppautoscalingScheduledAction(this, name, {
        forEach: scheduledUsers,
        name: `rstudio-\${each.key}-${name}`,
        serviceNamespace: sameKey(target, "service_namespace"),
        scalableDimension: sameKey(target, "scalable_dimension"),
        resourceId: sameKey(target, "resource_id"),
        schedule,
        timezone: props.schedule.timezone,
        scalableTargetAction: { minCapacity: String(capacity), maxCapacity: String(capacity) },
      });
    }
  }
}
