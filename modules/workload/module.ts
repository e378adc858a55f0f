import { Fn } from "cdktf";
import { LayerModule, ModuleContext, VariableSpecs } from "../../stacks/module-stack";
import { OutputSpecs } from "../../stacks/outputs";
import { networkOutputs } from "../network/contract";
import { securityOutputs } from "../security/contract";
import { expression, hasEntries } from "../shared/expressions";
import { DEFAULT_RULES_PER_LISTENER, DEFAULT_TARGET_GROUPS_PER_LOAD_BALANCER, LIMITS, usersPerLoadBalancer } from "../../config/limits";
import {
  bounded,
  createRstudioVariable,
  createShinyVariable,
  logRetentionVariable,
  nameVariable,
  upstreamVariable,
  usersVariable,
  USERS_WITH_PRIORITIES,
} from "../shared/module-variables";
import { storageOutputs } from "../storage/contract";
import { workloadOutputs } from "./contract";
import { withOptionalDefault, workloadHardeningFromVariables, workloadHardeningVariables } from "./hardening-variables";
import { WORKLOAD_UPSTREAM, WorkloadLayer, WorkloadUpstream } from "./index";

const UPSTREAM: [OutputSpecs, readonly string[]][] = [
  [networkOutputs, WORKLOAD_UPSTREAM.network],
  [securityOutputs, WORKLOAD_UPSTREAM.security],
  [storageOutputs, WORKLOAD_UPSTREAM.storage],
];

const upstreamVariables: VariableSpecs = Object.fromEntries(
  UPSTREAM.flatMap(([specs, keys]) => keys.map((key) => [specs[key].name, withOptionalDefault(specs[key].name, upstreamVariable(specs[key]))])),
);

function readUpstream(vars: ModuleContext): WorkloadUpstream {
  const values: Record<string, unknown> = {};
  for (const [specs, keys] of UPSTREAM) {
    for (const key of keys) {
      const spec = specs[key];
      values[key] = spec.type === "string" ? vars.string(spec.name) : spec.type === "list" ? vars.list(spec.name) : vars.any(spec.name);
    }
  }
  return values as unknown as WorkloadUpstream;
}


/** The workload layer as a Terraform module. */
export const workloadModule: LayerModule = {
  layer: "workload",
  description: "The ECS cluster, the load balancer, one RStudio service per user, the autoscaled Shiny service and their DNS records.",
  variables: {
    name: nameVariable,
    hosted_zone_id: { type: "string", description: "Route 53 hosted zone for the services' alias records." },
    rstudio_domain: { type: "string", description: "Users reach RStudio at https://<user>.<rstudio_domain>." },
    shiny_domain: { type: "string", description: "Host name of the shared Shiny Server." },
    create_rstudio: createRstudioVariable,
    create_shiny: createShinyVariable,
    users: usersVariable,
    rstudio_image_tag: { type: "string", description: "Tag of the image in the rstudio ECR repository.", default: "4.4.2" },
    rstudio_schedule_start: {
      type: "string",
      description: 'When RStudio tasks start, as an Application Auto Scaling expression such as "cron(0 7 ? * MON-FRI *)"; empty: always on.',
      default: "",
    },
    rstudio_schedule_stop: {
      type: "string",
      description: 'When RStudio tasks stop, such as "cron(0 20 * * ? *)"; used with rstudio_schedule_start.',
      default: "",
      validation: [
        {
          condition: '(var.rstudio_schedule_start == "") == (var.rstudio_schedule_stop == "")',
          message: "Set both rstudio_schedule_start and rstudio_schedule_stop, or neither.",
        },
      ],
    },
    rstudio_schedule_timezone: { type: "string", description: "Time zone of the RStudio schedule (IANA name).", default: "UTC" },
    shiny_fargate_spot: { type: "bool", description: "Run Shiny tasks beyond the first on Fargate Spot.", default: false },
    shiny_image_tag: { type: "string", description: "Tag of the image in the shiny ECR repository.", default: "4.4.2" },
    shiny_cpu: { type: "number", description: "Fargate CPU units of a Shiny task.", default: 512 },
    shiny_memory: { type: "number", description: "Memory (MiB) of a Shiny task; a valid Fargate pair with shiny_cpu.", default: 1024 },
    shiny_min_tasks: { type: "number", description: "Fewest Shiny tasks.", default: 1, validation: [bounded("shiny_min_tasks", LIMITS.shinyTasks)] },
    shiny_max_tasks: { type: "number", description: "Most Shiny tasks.", default: 4, validation: [bounded("shiny_max_tasks", LIMITS.shinyTasks)] },
    shiny_target_cpu_percent: { type: "number", description: "Target average CPU per Shiny task.", default: 60, validation: [bounded("shiny_target_cpu_percent", LIMITS.targetPercent)] },
    shiny_target_memory_percent: {
      type: "number",
      description: "Target average memory per Shiny task.",
      default: 70,
      validation: [bounded("shiny_target_memory_percent", LIMITS.targetPercent)],
    },
    shiny_target_requests_per_task: {
      type: "number",
      description: "Target ALB requests per Shiny task.",
      default: 200,
      validation: [bounded("shiny_target_requests_per_task", LIMITS.targetRequestsPerTask)],
    },
    shiny_stickiness_seconds: {
      type: "number",
      description: "ALB cookie lifetime; SockJS polling transports need every request of a session on one task.",
      default: 86400,
      validation: [bounded("shiny_stickiness_seconds", LIMITS.stickinessSeconds)],
    },
    idle_timeout_seconds: {
      type: "number",
      description: "Load balancer idle timeout; must exceed the Shiny heartbeat and RStudio long polling.",
      default: 300,
      validation: [bounded("idle_timeout_seconds", LIMITS.idleTimeoutSeconds)],
    },
    deletion_protection: { type: "bool", description: "Load balancer deletion protection.", default: true },
    max_users_per_load_balancer: {
      type: "number",
      description:
        "Most users one load balancer serves: your account's rules per listener or target groups per load balancer (the smaller), less the one Shiny takes. Users pick theirs with load_balancer.",
      default: usersPerLoadBalancer(DEFAULT_RULES_PER_LISTENER, DEFAULT_TARGET_GROUPS_PER_LOAD_BALANCER),
      validation: [
        {
          condition:
            "alltrue([for key in distinct([for user in values(var.users) : user.load_balancer]) : length([for user in values(var.users) : user if user.load_balancer == key]) <= var.max_users_per_load_balancer])",
          message: "A load balancer serves at most max_users_per_load_balancer users: give some users another load_balancer.",
        },
      ],
    },
    log_retention_days: logRetentionVariable("log_retention_days", "Days to keep container and ECS Exec logs.", 365),
    ...workloadHardeningVariables,
    ...upstreamVariables,
  },
  outputs: workloadOutputs,
  build: (scope, id, vars) =>
    new WorkloadLayer(
      scope,
      id,
      {
        name: vars.string("name"),
        region: vars.region,
        hostedZoneId: vars.string("hosted_zone_id"),
        rstudioDomain: vars.string("rstudio_domain"),
        shinyDomain: vars.string("shiny_domain"),
        createShiny: vars.bool("create_shiny"),
        users: Fn.conditional(vars.bool("create_rstudio"), expression(USERS_WITH_PRIORITIES), {}),
        rstudioImageTag: vars.string("rstudio_image_tag"),
        rstudioSchedule: {
          enabled: hasEntries(vars.string("rstudio_schedule_start")),
          timezone: vars.string("rstudio_schedule_timezone"),
          start: vars.string("rstudio_schedule_start"),
          stop: vars.string("rstudio_schedule_stop"),
        },
        shiny: {
          imageTag: vars.string("shiny_image_tag"),
          fargateSpot: vars.bool("shiny_fargate_spot"),
          cpu: vars.number("shiny_cpu"),
          memory: vars.number("shiny_memory"),
          minTasks: vars.number("shiny_min_tasks"),
          maxTasks: vars.number("shiny_max_tasks"),
          targetCpuPercent: vars.number("shiny_target_cpu_percent"),
          targetMemoryPercent: vars.number("shiny_target_memory_percent"),
          targetRequestsPerTask: vars.number("shiny_target_requests_per_task"),
          stickinessSeconds: vars.number("shiny_stickiness_seconds"),
        },
        idleTimeoutSeconds: vars.number("idle_timeout_seconds"),
        deletionProtection: vars.bool("deletion_protection"),
        logRetentionDays: vars.number("log_retention_days"),
        hardening: workloadHardeningFromVariables(vars),
      },
      readUpstream(vars),
    ).outputs,
};
