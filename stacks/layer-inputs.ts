import { activeUserNames, EnvironmentConfig, userNamesWithData } from "../config/load";
import { NetworkInputs, ZoneSubnets } from "../modules/network";
import { SecurityInputs } from "../modules/security";
import { StorageInputs } from "../modules/storage";
import { RStudioUserSettings, WorkloadInputs } from "../modules/workload";
import { listenerPriorities } from "../modules/workload/listener-priorities";
import { networkEgressFilter, securityHardening, workloadHardening } from "./hardening-inputs";

/*
 * An environment file's settings as each layer's inputs, all literal: the stacks read like the
 * environment file. (The reusable modules feed the same layers from Terraform variables.)
 */

export function networkInputs(config: EnvironmentConfig): NetworkInputs {
  const { network } = config;
  const zones: Record<string, ZoneSubnets> = Object.fromEntries(
    network.availabilityZones.map((zone, index) => [
      zone,
      { public_subnet_cidr: network.publicSubnetCidrs[index], private_subnet_cidr: network.privateSubnetCidrs[index] },
    ]),
  );
  return {
    name: config.namePrefix,
    accountId: config.accountId,
    region: config.region,
    vpcCidr: network.vpcCidr,
    zones,
    natGatewayMode: network.natGateways,
    createInterfaceEndpoints: network.interfaceEndpoints,
    flowLogRetentionDays: network.flowLogRetentionDays,
    preventDestroy: config.preventDestroy,
    egressFilter: networkEgressFilter(config),
  };
}

/** RStudio users with their size and a stable listener priority; none when RStudio is off. */
export function rstudioUsers(config: EnvironmentConfig): Record<string, RStudioUserSettings> {
  const names = activeUserNames(config);
  const priorities = listenerPriorities(names);
  return Object.fromEntries(
    config.rstudio.users
      .filter((user) => priorities.has(user.name))
      .map((user) => [user.name, { cpu: user.cpu, memory: user.memory, listener_priority: priorities.get(user.name)!, load_balancer: user.loadBalancerKey }]),
  );
}

/** Everyone whose home directory and password exist (see userNamesWithData). */
export function usersWithData(config: EnvironmentConfig): Record<string, Record<string, never>> {
  return Object.fromEntries(userNamesWithData(config).map((name) => [name, {}]));
}

/** Homes and passwords are protected unless the environment purges someone in this change. */
export function protectUserData(config: EnvironmentConfig): boolean {
  return config.preventDestroy && config.rstudio.purgeUsers.length === 0;
}

export function securityInputs(config: EnvironmentConfig): SecurityInputs {
  return {
    name: config.namePrefix,
    accountId: config.accountId,
    region: config.region,
    allowedCidrs: config.access.allowedCidrs,
    sftpAllowedCidrs: config.sftp.enabled ? config.sftp.allowedCidrs : [],
    wafIpAllowList: config.access.wafIpAllowList,
    wafRateLimit: config.access.wafRateLimit,
    hostedZoneId: config.dns.hostedZoneId,
    rstudioDomain: config.dns.rstudioDomain,
    shinyDomain: config.dns.shinyDomain,
    createRstudio: config.rstudio.enabled,
    createShiny: config.shiny.enabled,
    users: usersWithData(config),
    passwordRotationDays: config.rstudio.passwordRotationDays,
    logRetentionDays: config.logRetentionDays,
    preventDestroy: config.preventDestroy,
    protectUserData: protectUserData(config),
    hardening: securityHardening(config),
  };
}

export function storageInputs(config: EnvironmentConfig): StorageInputs {
  return {
    name: config.namePrefix,
    accountId: config.accountId,
    region: config.region,
    users: usersWithData(config),
    accessLogRetentionDays: config.loadBalancer.accessLogRetentionDays,
    preventDestroy: config.preventDestroy,
    protectUserData: protectUserData(config),
    sftp: {
      enabled: config.sftp.enabled,
      publicEndpoint: config.sftp.publicEndpoint,
      users: Object.fromEntries(config.sftp.users.map((user) => [user.name, { ssh_public_key: user.sshPublicKey }])),
    },
    syncSchedule: config.dataSync.schedule,
    athena: {
      bytesScannedCutoffPerQueryGb: config.athena.bytesScannedCutoffPerQueryGb,
      resultRetentionDays: config.athena.resultRetentionDays,
    },
    backup: config.backup,
    logRetentionDays: config.logRetentionDays,
  };
}

export function workloadInputs(config: EnvironmentConfig): WorkloadInputs {
  const { shiny } = config;
  return {
    name: config.namePrefix,
    region: config.region,
    hostedZoneId: config.dns.hostedZoneId,
    rstudioDomain: config.dns.rstudioDomain,
    shinyDomain: config.dns.shinyDomain,
    createShiny: shiny.enabled,
    users: rstudioUsers(config),
    rstudioImageTag: config.rstudio.imageTag,
    rstudioSchedule: config.rstudio.schedule
      ? { enabled: true, ...config.rstudio.schedule }
      : { enabled: false, timezone: "UTC", start: "", stop: "" },
    shiny: {
      imageTag: shiny.imageTag,
      fargateSpot: shiny.fargateSpot,
      cpu: shiny.cpu,
      memory: shiny.memory,
      minTasks: shiny.minTasks,
      maxTasks: shiny.maxTasks,
      targetCpuPercent: shiny.targetCpuPercent,
      targetMemoryPercent: shiny.targetMemoryPercent,
      targetRequestsPerTask: shiny.targetRequestsPerTask,
      stickinessSeconds: shiny.stickinessSeconds,
    },
    idleTimeoutSeconds: config.loadBalancer.idleTimeoutSeconds,
    deletionProtection: config.loadBalancer.deletionProtection,
    logRetentionDays: config.logRetentionDays,
    hardening: workloadHardening(config),
  };
}
