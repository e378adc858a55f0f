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

export interface ResourceNames {
  readonly prefix: string;
  readonly cluster: string;
  readonly dataBucket: string;
  readonly logBucket: string;
  readonly ecrRepository: (service: Service) => string;
  readonly serviceLogGroup: (service: Service) => string;
  readonly execLogGroup: string;
  readonly userSecret: (user: string) => string;
  readonly taskFamily: (service: Service, user?: string) => string;
}

export function resourceNames(config: Pick<EnvironmentConfig, "namePrefix" | "accountId" | "region">): ResourceNames {
  const prefix = config.namePrefix;
  return {
    prefix,
    cluster: prefix,
    dataBucket: `${prefix}-data-${config.accountId}-${config.region}`,
    logBucket: `${prefix}-logs-${config.accountId}-${config.region}`,
    ecrRepository: (service) => `${prefix}/${service}`,
    serviceLogGroup: (service) => `/ecs/${prefix}/${service}`,
    execLogGroup: `/ecs/${prefix}/exec`,
    userSecret: (user) => `${prefix}/rstudio/${user}/password`,
    taskFamily: (service, user) => (user ? `${prefix}-${service}-${user}` : `${prefix}-${service}`),
  };
}
