import { Construct } from "constructs";
import { Fn, TerraformIterator, Token } from "cdktf";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { CONTAINER_PORTS, DATA_MOUNT_PATH, resourceNames } from "../../config/naming";
import { lookup, OutputValues } from "../../stacks/outputs";
import { networkOutputs } from "../network/contract";
import { securityOutputs } from "../security/contract";
import { storageOutputs } from "../storage/contract";
import { suppressPolicy } from "../shared/policy-suppressions";
import { addressOf, attributeByKey, countWhen, expression, firstInstance, Flag, MapInput, inExpression, namedLocal, prefixed } from "../shared/expressions";
import { Cluster } from "./cluster";
import { workloadOutputs } from "./contract";
import { FIRST_LOAD_BALANCER, LoadBalancer } from "./load-balancer";
import {
  READ_ONLY_ROOT_POLICY,
  RSTUDIO_WRITABLE_ROOT_REASON,
  SHINY_READ_ONLY_ENVIRONMENT,
  SHINY_SCRATCH_PATHS,
  SHINY_WRITABLE_ROOT_REASON,
} from "./read-only-root";
import { RStudioSchedule, RStudioScheduleScaling } from "./rstudio-schedule";
import { ShieldProtections } from "./shield";
import { ShinyScaling } from "./shiny-scaling";
import { EfsMount, WebService } from "./web-service";

export { workloadOutputs } from "./contract";

/** RStudio users publish apps by writing here; Shiny serves them under `/apps/`. */
export const SHINY_APPS_PATH = "/srv/shiny-server/apps";
export const SHINY_LISTENER_PRIORITY = 10;

/** One data scientist's RStudio service. */
export interface RStudioUserSettings {
  readonly cpu: number;
  readonly memory: number;
  /** Listener rule priority, unique per load balancer (1000-49999). */
  readonly listener_priority: number;
  /** Key of the load balancer serving this user ("0", "1", ...). */
  readonly load_balancer: string;
}

export interface ShinySettings {
  readonly imageTag: string;
  readonly fargateSpot: Flag;
  readonly cpu: number;
  readonly memory: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly targetCpuPercent: number;
  readonly targetMemoryPercent: number;
  readonly targetRequestsPerTask: number;
  readonly stickinessSeconds: number;
}

export interface WorkloadInputs {
  readonly name: string;
  readonly region: string;
  readonly hostedZoneId: string;
  readonly rstudioDomain: string;
  readonly shinyDomain: string;
  readonly createShiny: Flag;
  /** RStudio users by name. Empty when RStudio is off. */
  readonly users: MapInput<RStudioUserSettings>;
  readonly rstudioImageTag: string;
  /** Working hours of the RStudio services. */
  readonly rstudioSchedule: RStudioSchedule;
  readonly shiny: ShinySettings;
  readonly idleTimeoutSeconds: number;
  readonly deletionProtection: Flag;
  readonly logRetentionDays: number;
  readonly hardening: WorkloadHardeningInputs;
}

/** The workload layer's share of the hardening controls (config/hardening.ts). */
export interface WorkloadHardeningInputs {
  /** Shield Advanced protections for the load balancers and the hosted zone. */
  readonly shieldAdvanced: Flag;
  /** Cognito sign-in at the load balancer before Shiny (the user pool comes from the security layer). */
  readonly shinySignIn: Flag;
  /** Shiny with a read-only root filesystem (a literal: it shapes the container definition). */
  readonly shinyReadOnlyRoot: boolean;
}

/** The outputs of the lower layers this layer reads. */
export const WORKLOAD_UPSTREAM = {
  network: ["vpcId", "publicSubnetIds", "privateSubnetIds"],
  security: [
    "execKmsKeyArn",
    "logsKmsKeyArn",
    "albSecurityGroupId",
    "rstudioSecurityGroupId",
    "shinySecurityGroupId",
    "rstudioExecutionRoleArn",
    "rstudioTaskRoleArn",
    "shinyExecutionRoleArn",
    "shinyTaskRoleArn",
    "webAclArn",
    "certificateArn",
    "passwordSecretArns",
    "shinyUserPoolArn",
    "shinyUserPoolClientId",
    "shinyUserPoolDomain",
  ],
  storage: [
    "fileSystemId",
    "homeAccessPointIds",
    "shinyAppsAccessPointId",
    "dataAccessPointId",
    "logBucketName",
    "rstudioRepositoryUrl",
    "shinyRepositoryUrl",
    "athenaWorkgroupName",
    "athenaResultsLocation",
  ],
} as const;

export type WorkloadUpstream = Pick<OutputValues<typeof networkOutputs>, (typeof WORKLOAD_UPSTREAM.network)[number]> &
  Pick<OutputValues<typeof securityOutputs>, (typeof WORKLOAD_UPSTREAM.security)[number]> &
  Pick<OutputValues<typeof storageOutputs>, (typeof WORKLOAD_UPSTREAM.storage)[number]>;

/**
 * The load balancers the users need: "0" always (it carries Shiny), plus every key a user is on.
 * Literal users give a literal map; a module's users an expression over them.
 */
function loadBalancerShards(scope: Construct, users: MapInput<RStudioUserSettings>): MapInput<Record<string, never>> {
  if (!Token.isUnresolved(users)) {
    const keys = [FIRST_LOAD_BALANCER, ...Object.values(users as Record<string, RStudioUserSettings>).map((user) => user.load_balancer)];
    return Object.fromEntries([...new Set(keys)].sort().map((key) => [key, {}]));
  }
  const used = `[for user in values(${inExpression(users)}) : user.load_balancer]`;
  const shards = `\${{ for key in distinct(concat(["${FIRST_LOAD_BALANCER}"], ${used})) : key => {} }}`;
  return namedLocal(scope, "load_balancers", shards) as unknown as MapInput<Record<string, never>>;
}

/** The ECS cluster, the load balancers, one RStudio service per data scientist and the Shiny service. */
export class WorkloadLayer extends Construct {
  readonly outputs: OutputValues<typeof workloadOutputs>;

  constructor(scope: Construct, id: string, inputs: WorkloadInputs, upstream: WorkloadUpstream) {
    super(scope, id);
    const names = resourceNames(inputs.name);

    const cluster = new Cluster(this, "ecs", {
      names,
      execKmsKeyArn: upstream.execKmsKeyArn,
      logsKmsKeyArn: upstream.logsKmsKeyArn,
      logRetentionDays: inputs.logRetentionDays,
    });
    const userMap = namedLocal(this, "rstudio_users", inputs.users);
    const shards = loadBalancerShards(this, userMap);
    const loadBalancer = new LoadBalancer(this, "load_balancer", {
      name: inputs.name,
      shards,
      publicSubnetIds: upstream.publicSubnetIds,
      securityGroupId: upstream.albSecurityGroupId,
      certificateArn: upstream.certificateArn,
      webAclArn: upstream.webAclArn,
      logBucketName: upstream.logBucketName,
      idleTimeoutSeconds: inputs.idleTimeoutSeconds,
      deletionProtection: inputs.deletionProtection,
      hostedZoneId: inputs.hostedZoneId,
    });
    new ShieldProtections(this, "shield", {
      name: inputs.name,
      partition: new DataAwsPartition(this, "partition").partition,
      enabled: inputs.hardening.shieldAdvanced,
      loadBalancer,
      shards,
      hostedZoneId: inputs.hostedZoneId,
    });
    const shared = {
      loadBalancer,
      cluster: { id: cluster.cluster.id, name: cluster.cluster.name, capacityProviders: cluster.capacityProviders },
      vpcId: upstream.vpcId,
      subnetIds: upstream.privateSubnetIds,
      fileSystemId: upstream.fileSystemId,
      region: inputs.region,
    };
    const shinyApps = (readOnly: boolean): EfsMount => ({
      volumeName: "shiny-apps",
      accessPointId: upstream.shinyAppsAccessPointId,
      containerPath: SHINY_APPS_PATH,
      readOnly,
    });
    const uploadedData: EfsMount = { volumeName: "data", accessPointId: upstream.dataAccessPointId, containerPath: DATA_MOUNT_PATH, readOnly: true };
    const shinyCount = countWhen(inputs.createShiny);

    const users = TerraformIterator.fromMap(userMap);
    const priorities = `[for user in values(${inExpression(userMap)}) : user.listener_priority]`;
    const rstudio = new WebService(this, "rstudio", {
      ...shared,
      instances: { forEach: users },
      serviceName: `rstudio-${users.key}`,
      targetGroupName: `${inputs.name}-u-${users.key}`,
      family: names.taskFamily("rstudio", users.key),
      cpu: users.getString("cpu"),
      memory: users.getString("memory"),
      containerName: "rstudio",
      image: `${upstream.rstudioRepositoryUrl}:${inputs.rstudioImageTag}`,
      port: CONTAINER_PORTS.rstudio,
      host: `${users.key}.${inputs.rstudioDomain}`,
      listenerPriority: users.getNumber("listener_priority"),
      loadBalancerKey: "each.value.load_balancer",
      // Literal settings get distinct priorities in TypeScript (listenerPriorities); module
      // callers' priorities are checked by Terraform before anything is created.
      rulePreconditions: Token.isUnresolved(inputs.users)
        ? [
            {
              condition: `\${length(distinct(${priorities})) == length(${priorities})}`,
              errorMessage: "Two RStudio users have the same listener_priority; give one of them another.",
            },
          ]
        : undefined,
      // The sign-in page answers 200 without a session; "/" redirects to it.
      healthCheck: { path: "/auth-sign-in", matcher: "200" },
      secrets: [{ name: "PASSWORD", valueFrom: lookup(upstream.passwordSecretArns, users.key) }],
      // What an R session needs to query Athena over JDBC; the workgroup name is the storage layer's own output.
      environment: [
        { name: "ATHENA_WORKGROUP", value: upstream.athenaWorkgroupName },
        { name: "ATHENA_OUTPUT_LOCATION", value: upstream.athenaResultsLocation },
        { name: "AWS_REGION", value: inputs.region },
        { name: "AWS_DEFAULT_REGION", value: inputs.region },
      ],
      mounts: [
        { volumeName: "home", accessPointId: lookup(upstream.homeAccessPointIds, users.key), containerPath: "/home/rstudio", readOnly: false },
        shinyApps(false),
        uploadedData,
      ],
      desiredCount: 1,
      deployment: { minimumHealthyPercent: 0, maximumPercent: 100 },
      // Application Auto Scaling owns the task count (rstudio-schedule.ts), schedule or not.
      autoscaled: true,
      securityGroupId: upstream.rstudioSecurityGroupId,
      executionRoleArn: upstream.rstudioExecutionRoleArn,
      taskRoleArn: upstream.rstudioTaskRoleArn,
      logGroupName: cluster.logGroups.rstudio.name,
    });
    suppressPolicy(rstudio.taskDefinition, READ_ONLY_ROOT_POLICY, RSTUDIO_WRITABLE_ROOT_REASON);

    new RStudioScheduleScaling(this, "rstudio_schedule", {
      schedule: inputs.rstudioSchedule,
      users: userMap,
      clusterName: cluster.cluster.name,
      service: rstudio.service,
    });

    const { shiny: settings } = inputs;
    const shiny = new WebService(this, "shiny", {
      ...shared,
      instances: { count: shinyCount },
      serviceName: "shiny",
      targetGroupName: `${inputs.name}-shiny`,
      family: names.taskFamily("shiny"),
      cpu: Token.asString(settings.cpu),
      memory: Token.asString(settings.memory),
      containerName: "shiny",
      image: `${upstream.shinyRepositoryUrl}:${settings.imageTag}`,
      port: CONTAINER_PORTS.shiny,
      host: inputs.shinyDomain,
      listenerPriority: SHINY_LISTENER_PRIORITY,
      loadBalancerKey: JSON.stringify(FIRST_LOAD_BALANCER),
      // The image's own index page stays in place (apps are mounted below it), so "/" answers 200.
      healthCheck: { path: "/", matcher: "200" },
      // Give open websocket sessions time to finish when a task scales in or is replaced.
      deregistrationDelaySeconds: 300,
      mounts: [shinyApps(true), uploadedData],
      ...(inputs.hardening.shinyReadOnlyRoot ? { readOnlyRoot: { scratchPaths: SHINY_SCRATCH_PATHS }, environment: SHINY_READ_ONLY_ENVIRONMENT } : {}),
      signIn: {
        enabled: inputs.hardening.shinySignIn,
        userPoolArn: upstream.shinyUserPoolArn,
        userPoolClientId: upstream.shinyUserPoolClientId,
        userPoolDomain: upstream.shinyUserPoolDomain,
      },
      desiredCount: settings.minTasks,
      deployment: { minimumHealthyPercent: 100, maximumPercent: 200 },
      autoscaled: true,
      fargateSpot: settings.fargateSpot,
      // SockJS falls back to polling transports whose requests must all reach one task.
      stickiness: { type: "lb_cookie", enabled: true, cookieDuration: settings.stickinessSeconds },
      securityGroupId: upstream.shinySecurityGroupId,
      executionRoleArn: upstream.shinyExecutionRoleArn,
      taskRoleArn: upstream.shinyTaskRoleArn,
      logGroupName: cluster.logGroups.shiny.name,
    });
    if (!inputs.hardening.shinyReadOnlyRoot) {
      // A documented switch, not a silent gap: the policy report lists it with the environment.
      suppressPolicy(shiny.taskDefinition, READ_ONLY_ROOT_POLICY, SHINY_WRITABLE_ROOT_REASON);
    }
    new ShinyScaling(this, "shiny_scaling", {
      count: shinyCount,
      clusterName: cluster.cluster.name,
      // A reference, not the literal name: the scaling target must wait for the service.
      serviceName: firstInstance(shiny.service, "name"),
      minTasks: settings.minTasks,
      maxTasks: settings.maxTasks,
      targetCpuPercent: settings.targetCpuPercent,
      targetMemoryPercent: settings.targetMemoryPercent,
      targetRequestsPerTask: settings.targetRequestsPerTask,
      requestCountResourceLabel: `${loadBalancer.attribute("alb", JSON.stringify(FIRST_LOAD_BALANCER), "arn_suffix")}/${firstInstance(shiny.targetGroup, "arn_suffix")}`,
    });

    this.outputs = {
      clusterName: cluster.cluster.name,
      loadBalancerArn: loadBalancer.attribute("alb", JSON.stringify(FIRST_LOAD_BALANCER), "arn"),
      loadBalancerDnsName: loadBalancer.attribute("alb", JSON.stringify(FIRST_LOAD_BALANCER), "dns_name"),
      loadBalancerDnsNames: attributeByKey(loadBalancer.lb, "dns_name"),
      rstudioUrls: expression(`{ for key, record in ${addressOf(rstudio.record)} : key => "https://\${record.name}" }`),
      shinyUrl: Token.asString(Fn.conditional(inputs.createShiny, prefixed("https://", inputs.shinyDomain), "")),
    };
  }
}
