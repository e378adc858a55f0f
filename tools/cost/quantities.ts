import { Layer } from "../../config/naming";
import { countOfType, EnvironmentJson, Instance, instances, instancesOfType, listLength, ResourceBody, resourcesOfType } from "./instances";
import { ScheduledAction } from "./schedule";

/*
 * What an environment's synthesized stacks create, counted resource by resource. Resources are
 * found by the addresses of the address contract (addresses/), which are stable by design.
 */

export const LAYERS: readonly Layer[] = ["network", "security", "storage", "workload"];

export interface LoadBalancerQuantity {
  readonly key: string;
  /** Availability zones it spans: one public IPv4 address each while internet-facing. */
  readonly zones: number;
  readonly listenerRules: number;
  readonly users: string[];
  readonly shiny: boolean;
}

export interface TaskSize {
  /** Fargate CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** MiB. */
  readonly memory: number;
}

export interface RStudioQuantity extends TaskSize {
  readonly user: string;
  readonly desiredCount: number;
}

export interface ShinyQuantity extends TaskSize {
  /** Tasks always running: the autoscaling minimum. */
  readonly minTasks: number;
  /** The capacity provider strategy: `base` tasks on FARGATE, the rest split by weight. */
  readonly onDemandBase: number;
  readonly onDemandWeight: number;
  readonly spotWeight: number;
}

export interface LogGroupQuantity {
  readonly layer: Layer;
  /** The resource name (`flow_logs_log_group`), which says what the group holds. */
  readonly resource: string;
  readonly retentionDays: number;
}

export interface Quantities {
  readonly zones: number;
  readonly natGateways: number;
  readonly elasticIps: number;
  readonly interfaceEndpoints: number;
  /** Sum over interface endpoints of the zones (subnets) each is placed in. */
  readonly interfaceEndpointZones: number;
  readonly flowLogs: number;
  readonly kmsKeys: Readonly<Record<Layer, number>>;
  readonly secrets: number;
  readonly wafWebAcls: number;
  readonly wafRules: number;
  readonly logGroups: readonly LogGroupQuantity[];
  readonly efsFileSystems: number;
  /** Home directories (EFS access points) of current and retained users. */
  readonly efsHomes: number;
  readonly efsElasticThroughput: boolean;
  readonly efsBackups: number;
  readonly buckets: number;
  /** Days the log bucket keeps ALB and S3 access logs. */
  readonly logBucketRetentionDays: number;
  readonly ecrRepositories: number;
  readonly transferServers: number;
  /** Sum over Transfer Family servers of their enabled protocols (each is billed by the hour). */
  readonly transferProtocols: number;
  readonly dataSyncTasks: number;
  readonly hostedZones: number;
  readonly loadBalancers: readonly LoadBalancerQuantity[];
  readonly rstudio: readonly RStudioQuantity[];
  /** Start and stop actions of the RStudio services (the same for every user). */
  readonly rstudioSchedule: readonly ScheduledAction[];
  readonly shiny?: ShinyQuantity;
  readonly ecsServices: number;
  readonly containerInsightsClusters: number;
  /** Security services the architecture mentions that these stacks do not create (yet). */
  readonly unpriced: Readonly<Record<string, number>>;
}

/** Controls billed by usage this estimate does not model; their counts are printed so they are not forgotten. */
const UNPRICED = {
  "GuardDuty detectors (events analysed, runtime monitoring per vCPU of monitored tasks)": "aws_guardduty_detector",
  "CloudTrail trails (the first copy of management events is free)": "aws_cloudtrail",
  "Cognito user pools (per monthly active user, above the free tier)": "aws_cognito_user_pool",
  "DNS Firewall VPC associations (per million queries)": "aws_route53_resolver_firewall_rule_group_association",
  "Shield Advanced protections (the subscription is USD 3,000 a month per organization)": "aws_shield_protection",
} as const;

export function countQuantities(env: EnvironmentJson): Quantities {
  const everywhere = (type: string) => LAYERS.reduce((sum, layer) => sum + countOfType(env, layer, type), 0);
  const interfaceEndpoints = instancesOfType(env, "network", "aws_vpc_endpoint").filter(({ body }) => body.vpc_endpoint_type === "Interface");
  const rstudioSizes = new Map(
    instances(env, "workload", "aws_ecs_task_definition.rstudio_task_definition").map((instance) => [
      instance.key,
      taskSize(instance, body(env, "workload", "aws_ecs_task_definition.rstudio_task_definition")),
    ]),
  );
  const rstudio = instances(env, "workload", "aws_ecs_service.rstudio_service").map((instance) => ({
    user: instance.key,
    desiredCount: numberArgument(instance, body(env, "workload", "aws_ecs_service.rstudio_service"), "desired_count"),
    ...required(rstudioSizes.get(instance.key), `a task definition for RStudio user "${instance.key}"`),
  }));
  return {
    zones: instances(env, "network", "aws_subnet.private_subnet").length,
    natGateways: countOfType(env, "network", "aws_nat_gateway"),
    elasticIps: countOfType(env, "network", "aws_eip"),
    interfaceEndpoints: interfaceEndpoints.length,
    interfaceEndpointZones: interfaceEndpoints.reduce(
      (sum, { body: endpoint }) => sum + listLength(env, "network", endpoint.subnet_ids, "network aws_vpc_endpoint subnet_ids"),
      0,
    ),
    flowLogs: countOfType(env, "network", "aws_flow_log"),
    kmsKeys: Object.fromEntries(LAYERS.map((layer) => [layer, countOfType(env, layer, "aws_kms_key")])) as Record<Layer, number>,
    secrets: everywhere("aws_secretsmanager_secret"),
    wafWebAcls: everywhere("aws_wafv2_web_acl"),
    wafRules: LAYERS.flatMap((layer) => instancesOfType(env, layer, "aws_wafv2_web_acl")).reduce(
      (sum, { body: acl }) => sum + (Array.isArray(acl.rule) ? acl.rule.length : acl.rule ? 1 : 0),
      0,
    ),
    logGroups: LAYERS.flatMap((layer) =>
      Object.entries(env[layer].resource?.aws_cloudwatch_log_group ?? {}).flatMap(([resource, group]) =>
        instances(env, layer, `aws_cloudwatch_log_group.${resource}`).map(() => ({
          layer,
          resource,
          retentionDays: typeof group.retention_in_days === "number" ? group.retention_in_days : Infinity,
        })),
      ),
    ),
    efsFileSystems: countOfType(env, "storage", "aws_efs_file_system"),
    efsHomes: instances(env, "storage", "aws_efs_access_point.efs_home").length,
    efsElasticThroughput: instancesOfType(env, "storage", "aws_efs_file_system").some(({ body: fs }) => fs.throughput_mode === "elastic"),
    efsBackups: instancesOfType(env, "storage", "aws_efs_backup_policy").filter(
      ({ body: policy }) => (policy.backup_policy as { status?: string } | undefined)?.status === "ENABLED",
    ).length,
    buckets: countOfType(env, "storage", "aws_s3_bucket"),
    logBucketRetentionDays: expirationDays(env),
    ecrRepositories: countOfType(env, "storage", "aws_ecr_repository"),
    transferServers: everywhere("aws_transfer_server"),
    transferProtocols: LAYERS.flatMap((layer) => instancesOfType(env, layer, "aws_transfer_server")).reduce(
      (sum, { body: server }) => sum + (Array.isArray(server.protocols) ? server.protocols.length : 1),
      0,
    ),
    dataSyncTasks: everywhere("aws_datasync_task"),
    hostedZones: everywhere("aws_route53_zone"),
    loadBalancers: loadBalancers(env, rstudio.map((user) => user.user)),
    rstudio,
    rstudioSchedule: resourcesOfType(env, "workload", "aws_appautoscaling_scheduled_action")
      .filter(([name, action]) => String(action.resource_id).includes("rstudio_schedule_target") && instances(env, "workload", `aws_appautoscaling_scheduled_action.${name}`).length > 0)
      .map(([, action]) => ({
        schedule: String(action.schedule),
        capacity: Number((action.scalable_target_action as { min_capacity?: string }).min_capacity),
      })),
    shiny: shiny(env),
    ecsServices: countOfType(env, "workload", "aws_ecs_service"),
    containerInsightsClusters: instancesOfType(env, "workload", "aws_ecs_cluster").filter(({ body: cluster }) =>
      (cluster.setting as { name: string; value: string }[] | undefined)?.some(
        (setting) => setting.name === "containerInsights" && setting.value !== "disabled",
      ),
    ).length,
    unpriced: Object.fromEntries(Object.entries(UNPRICED).map(([label, type]) => [label, everywhere(type)])),
  };
}

function loadBalancers(env: EnvironmentJson, users: string[]): LoadBalancerQuantity[] {
  const rules = instancesOfType(env, "workload", "aws_lb_listener_rule").map((rule) => ({
    loadBalancer: listenerKey(rule),
    shiny: rule.name === "shiny_listener_rule",
  }));
  const userLoadBalancer = new Map(
    instances(env, "workload", "aws_ecs_service.rstudio_service").map((instance) => [
      instance.key,
      String((instance.value as { load_balancer?: string }).load_balancer ?? "0"),
    ]),
  );
  return instancesOfType(env, "workload", "aws_lb")
    .filter(({ body: lb }) => (lb.load_balancer_type ?? "application") === "application")
    .map(({ key, body: lb }) => ({
      key,
      zones: listLength(env, "workload", lb.subnets, "workload aws_lb subnets"),
      listenerRules: rules.filter((rule) => rule.loadBalancer === key).length,
      users: users.filter((user) => userLoadBalancer.get(user) === key),
      shiny: rules.some((rule) => rule.loadBalancer === key && rule.shiny),
    }));
}

/** The load balancer key a listener rule's `listener_arn` points at. */
function listenerKey(rule: Instance & { body: ResourceBody }): string {
  const arn = String(rule.body.listener_arn);
  const literal = /aws_lb_listener\.\w+\["([^"]*)"\]/.exec(arn);
  if (literal) return literal[1];
  if (arn.includes("[each.value.load_balancer]")) return String((rule.value as { load_balancer: string }).load_balancer);
  if (arn.includes("[each.key]")) return rule.key;
  throw new Error(`cost: cannot tell which load balancer the listener rule "${rule.key}" belongs to: ${arn}`);
}

function shiny(env: EnvironmentJson): ShinyQuantity | undefined {
  const [service] = instances(env, "workload", "aws_ecs_service.shiny_service");
  if (!service) return undefined;
  const serviceBody = body(env, "workload", "aws_ecs_service.shiny_service");
  const [task] = instances(env, "workload", "aws_ecs_task_definition.shiny_task_definition");
  const [target] = instancesOfType(env, "workload", "aws_appautoscaling_target").filter(({ key, body: t }) =>
    String(t.resource_id).includes("shiny_service") && key === service.key,
  );
  const strategy = (serviceBody.capacity_provider_strategy as { capacity_provider: string; base?: number; weight?: number }[] | undefined) ?? [];
  const onDemand = strategy.find((entry) => entry.capacity_provider === "FARGATE");
  const spot = strategy.find((entry) => entry.capacity_provider === "FARGATE_SPOT");
  return {
    ...taskSize(required(task, "the Shiny task definition"), body(env, "workload", "aws_ecs_task_definition.shiny_task_definition")),
    minTasks: target ? Number(target.body.min_capacity) : numberArgument(service, serviceBody, "desired_count"),
    onDemandBase: onDemand?.base ?? 0,
    onDemandWeight: strategy.length === 0 ? 1 : (onDemand?.weight ?? 0),
    spotWeight: spot?.weight ?? 0,
  };
}

/** Instances of a resource whose `for_each` is another resource: that resource's instance count. */
function expirationDays(env: EnvironmentJson): number {
  const days = instancesOfType(env, "storage", "aws_s3_bucket_lifecycle_configuration").flatMap(({ body: lifecycle }) =>
    ((lifecycle.rule as { expiration?: { days?: number }[] }[] | undefined) ?? []).flatMap((rule) =>
      (rule.expiration ?? []).map((expiration) => expiration.days ?? Infinity),
    ),
  );
  return days.length > 0 ? Math.min(...days) : Infinity;
}

function taskSize(instance: Instance, task: ResourceBody): TaskSize {
  return { cpu: numberArgument(instance, task, "cpu"), memory: numberArgument(instance, task, "memory") };
}

/** A numeric argument, literal or `${each.value.<field>}` of a literal `for_each` map. */
function numberArgument(instance: Instance, resource: ResourceBody, field: string): number {
  const raw = resource[field];
  const fromEach = typeof raw === "string" ? /^\$\{each\.value\.(\w+)\}$/.exec(raw)?.[1] : undefined;
  const value = fromEach ? (instance.value as Record<string, unknown> | undefined)?.[fromEach] : raw;
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || Number.isNaN(number)) {
    throw new Error(`cost: ${field} of instance "${instance.key}" is not a literal number: ${JSON.stringify(raw)}`);
  }
  return number;
}

function body(env: EnvironmentJson, layer: string, address: string): ResourceBody {
  const [type, name] = address.split(".");
  return required(env[layer].resource?.[type]?.[name], `${address} in ${layer}`);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`cost: the synthesized stacks have no ${what}`);
  return value;
}
