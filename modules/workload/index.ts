import { Construct } from "constructs";
import { EnvironmentConfig } from "../../config/load";
import { CONTAINER_PORTS, limitName, resourceNames, Service } from "../../config/naming";
import { OutputValues, ProducedValues } from "../../stacks/outputs";
import { networkOutputs } from "../network/contract";
import { securityOutputs } from "../security/contract";
import { storageOutputs } from "../storage/contract";
import { Cluster } from "./cluster";
import { workloadOutputs } from "./contract";
import { listenerPriorities } from "./listener-priorities";
import { LoadBalancer } from "./load-balancer";
import { ShinyScaling } from "./shiny-scaling";
import { EfsMount, WebService } from "./web-service";

export { workloadOutputs } from "./contract";

/** RStudio users publish apps by writing here; Shiny serves them under `/apps/`. */
export const SHINY_APPS_PATH = "/srv/shiny-server/apps";
export const SHINY_LISTENER_PRIORITY = 10;

export interface WorkloadLayerProps {
  readonly config: Pick<
    EnvironmentConfig,
    "namePrefix" | "accountId" | "region" | "dns" | "rstudio" | "shiny" | "loadBalancer" | "logRetentionDays"
  >;
  readonly network: OutputValues<typeof networkOutputs>;
  readonly security: OutputValues<typeof securityOutputs>;
  readonly storage: OutputValues<typeof storageOutputs>;
}

/** The ECS cluster, the load balancer, one RStudio service per data scientist and the Shiny service. */
export class WorkloadLayer extends Construct {
  readonly outputs: ProducedValues<typeof workloadOutputs>;

  constructor(scope: Construct, id: string, props: WorkloadLayerProps) {
    super(scope, id);
    const { config, network, security, storage } = props;
    const names = resourceNames(config);
    const services: Service[] = [
      ...(config.rstudio.enabled ? (["rstudio"] as const) : []),
      ...(config.shiny.enabled ? (["shiny"] as const) : []),
    ];

    const cluster = new Cluster(this, "ecs", {
      names,
      execKmsKeyArn: security.execKmsKeyArn,
      logsKmsKeyArn: security.logsKmsKeyArn,
      logRetentionDays: config.logRetentionDays,
      services,
    });
    const loadBalancer = new LoadBalancer(this, "load_balancer", {
      namePrefix: config.namePrefix,
      publicSubnetIds: network.publicSubnetIds,
      securityGroupId: security.albSecurityGroupId,
      certificateArn: security.certificateArn,
      webAclArn: security.webAclArn,
      logBucketName: storage.logBucketName,
      idleTimeoutSeconds: config.loadBalancer.idleTimeoutSeconds,
      deletionProtection: config.loadBalancer.deletionProtection,
      hostedZoneId: config.dns.hostedZoneId,
    });
    const shared = {
      loadBalancer,
      cluster: { id: cluster.cluster.id, name: cluster.cluster.name },
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      fileSystemId: storage.fileSystemId,
      region: config.region,
    };
    const shinyApps = (readOnly: boolean): EfsMount => ({
      volumeName: "shiny-apps",
      accessPointId: storage.shinyAppsAccessPointId,
      containerPath: SHINY_APPS_PATH,
      readOnly,
    });

    const rstudioUrls: Record<string, string> = {};
    if (config.rstudio.enabled) {
      const priorities = listenerPriorities(config.rstudio.users.map((user) => user.name));
      for (const user of config.rstudio.users) {
        new WebService(this, `rstudio_${user.name}`, {
          ...shared,
          serviceName: `rstudio-${user.name}`,
          targetGroupName: limitName(`${config.namePrefix}-rs-${user.name}`),
          family: names.taskFamily("rstudio", user.name),
          cpu: user.cpu,
          memory: user.memory,
          containerName: "rstudio",
          image: `${storage.rstudioRepositoryUrl}:${config.rstudio.imageTag}`,
          port: CONTAINER_PORTS.rstudio,
          host: user.host,
          listenerPriority: priorities.get(user.name)!,
          // The sign-in page answers 200 without a session; "/" redirects to it.
          healthCheck: { path: "/auth-sign-in", matcher: "200" },
          secrets: [{ name: "PASSWORD", valueFrom: security.passwordSecretArns(user.name) }],
          mounts: [
            { volumeName: "home", accessPointId: storage.homeAccessPointIds(user.name), containerPath: "/home/rstudio", readOnly: false },
            ...(config.shiny.enabled ? [shinyApps(false)] : []),
          ],
          desiredCount: 1,
          deployment: { minimumHealthyPercent: 0, maximumPercent: 100 },
          securityGroupId: security.rstudioSecurityGroupId,
          executionRoleArn: security.rstudioExecutionRoleArn,
          taskRoleArn: security.rstudioTaskRoleArn,
          logGroupName: cluster.logGroups.rstudio!.name,
        });
        rstudioUrls[user.name] = `https://${user.host}`;
      }
    }

    if (config.shiny.enabled) {
      const shiny = new WebService(this, "shiny", {
        ...shared,
        serviceName: "shiny",
        targetGroupName: limitName(`${config.namePrefix}-shiny`),
        family: names.taskFamily("shiny"),
        cpu: config.shiny.cpu,
        memory: config.shiny.memory,
        containerName: "shiny",
        image: `${storage.shinyRepositoryUrl}:${config.shiny.imageTag}`,
        port: CONTAINER_PORTS.shiny,
        host: config.shiny.host,
        listenerPriority: SHINY_LISTENER_PRIORITY,
        // The image's own index page stays in place (apps are mounted below it), so "/" answers 200.
        healthCheck: { path: "/", matcher: "200" },
        mounts: [shinyApps(true)],
        desiredCount: config.shiny.minTasks,
        deployment: { minimumHealthyPercent: 100, maximumPercent: 200 },
        autoscaled: true,
        // SockJS falls back to polling transports whose requests must all reach one task.
        stickiness: { type: "lb_cookie", enabled: true, cookieDuration: config.shiny.stickinessSeconds },
        securityGroupId: security.shinySecurityGroupId,
        executionRoleArn: security.shinyExecutionRoleArn,
        taskRoleArn: security.shinyTaskRoleArn,
        logGroupName: cluster.logGroups.shiny!.name,
      });
      new ShinyScaling(this, "shiny_scaling", {
        clusterName: cluster.cluster.name,
        serviceName: shiny.service.name,
        minTasks: config.shiny.minTasks,
        maxTasks: config.shiny.maxTasks,
        targetCpuPercent: config.shiny.targetCpuPercent,
        targetMemoryPercent: config.shiny.targetMemoryPercent,
        targetRequestsPerTask: config.shiny.targetRequestsPerTask,
        requestCountResourceLabel: `${loadBalancer.lb.arnSuffix}/${shiny.targetGroup.arnSuffix}`,
      });
    }

    this.outputs = {
      clusterName: cluster.cluster.name,
      loadBalancerArn: loadBalancer.lb.arn,
      loadBalancerDnsName: loadBalancer.lb.dnsName,
      rstudioUrls,
      shinyUrl: config.shiny.enabled ? `https://${config.shiny.host}` : "",
    };
  }
}
