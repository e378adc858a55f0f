import { Fn, Token } from "cdktf";
import { EnvironmentConfig } from "./load";

/*
 * Physical names shared by more than one layer. A layer that needs the ARN of something a later
 * layer creates (IAM policies in `security` naming the ECR repositories, log groups and buckets of
 * `storage` and `workload`) derives it from here, so producer and consumer cannot drift apart.
 */

export const LAYERS = ["network", "security", "storage", "workload"] as const;
export type Layer = (typeof LAYERS)[number];

export const SERVICES = ["rstudio", "shiny"] as const;
export type Service = (typeof SERVICES)[number];

export const CONTAINER_PORTS: Record<Service, number> = { rstudio: 8787, shiny: 3838 };

export function stackName(environment: string, layer: Layer): string {
  return `${environment}-${layer}`;
}

export function stateKey(config: Pick<EnvironmentConfig, "name" | "state">, layer: Layer): string {
  return `${config.state.keyPrefix}/${config.name}/${layer}.tfstate`;
}

/** The AWS partition of a region (for ARNs built before any resource exists). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export interface ResourceNames {
  readonly prefix: string;
  readonly cluster: string;
  readonly ecrRepository: (service: Service) => string;
  readonly serviceLogGroup: (service: Service) => string;
  readonly execLogGroup: string;
  readonly userSecret: (user: string) => string;
  readonly taskFamily: (service: Service, user?: string) => string;
  readonly athenaWorkgroup: string;
  /** Athena reads hyphens in names as minus signs: the Glue database uses underscores. */
  readonly glueDatabase: string;
  readonly dataPathLogGroup: (part: "sftp" | "datasync" | "sync-trigger") => string;
  /** The EventBridge rule for uploads (the storage key admits EventBridge for it alone). */
  readonly uploadRule: string;
}

/** The key prefix uploads land under, and which the sync copies to EFS (one folder per SFTP user). */
export const UPLOADS_PREFIX = "uploads/";
/** Where the upload data appears in the containers (read-only). */
export const DATA_MOUNT_PATH = "/srv/data";

/** Bucket names are global: account and region make them unique. */
export function bucketNames(config: Pick<EnvironmentConfig, "namePrefix" | "accountId" | "region">): { data: string; logs: string; athenaResults: string } {
  const suffix = `${config.accountId}-${config.region}`;
  return {
    data: `${config.namePrefix}-data-${suffix}`,
    logs: `${config.namePrefix}-logs-${suffix}`,
    athenaResults: `${config.namePrefix}-athena-${suffix}`,
  };
}

const underscored = (prefix: string) =>
  Token.isUnresolved(prefix) ? Token.asString(Fn.replace(prefix, "-", "_")) : prefix.replace(/-/g, "_");

export function resourceNames(prefix: string): ResourceNames {
  return {
    prefix,
    cluster: prefix,
    ecrRepository: (service) => `${prefix}/${service}`,
    serviceLogGroup: (service) => `/ecs/${prefix}/${service}`,
    execLogGroup: `/ecs/${prefix}/exec`,
    userSecret: (user) => `${prefix}/rstudio/${user}/password`,
    taskFamily: (service, user) => (user ? `${prefix}-${service}-${user}` : `${prefix}-${service}`),
    athenaWorkgroup: `${prefix}-analytics`,
    glueDatabase: `${underscored(prefix)}_data`,
    dataPathLogGroup: (part) => `/${prefix}/${part}`,
    uploadRule: `${prefix}-uploaded`,
  };
}
