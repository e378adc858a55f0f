import { EnvironmentInput } from "../../config/schema";
import { ConfigError } from "../../config/errors";
import { EnvironmentConfig, loadEnvironment } from "../../config/load";

export const TEST_SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8rCJ4uP3r8bWZ1d0JvEwQ8m7cQm1pF0o3m0nQ2Yx7 test@example";

/** The smallest valid environment: every optional field left to its default. */
export function minimalInput(): EnvironmentInput {
  return {
    name: "test",
    accountId: "123456789012",
    region: "eu-central-1",
    namePrefix: "rs-test",
    network: {
      vpcCidr: "10.0.0.0/16",
      availabilityZones: ["eu-central-1a", "eu-central-1b"],
      natGateways: "single",
    },
    dns: {
      hostedZoneId: "Z123TEST",
      zoneName: "example.org",
      rstudioDomain: "rstudio.example.org",
      shinyDomain: "shiny.example.org",
    },
    access: { allowedCidrs: ["192.0.2.0/24"] },
    state: { bucket: "test-state-bucket", region: "eu-central-1", accountId: "123456789012" },
  };
}

/** Every optional field set to a non-default value. */
export function fullInput(): EnvironmentInput {
  return {
    ...minimalInput(),
    tags: { Team: "analytics" },
    network: {
      vpcCidr: "10.1.0.0/16",
      availabilityZones: ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
      natGateways: "one-per-az",
      interfaceEndpoints: true,
      publicSubnetCidrs: ["10.1.0.0/24", "10.1.1.0/24", "10.1.2.0/24"],
      privateSubnetCidrs: ["10.1.16.0/20", "10.1.32.0/20", "10.1.48.0/20"],
      flowLogRetentionDays: 14,
    },
    access: { allowedCidrs: ["192.0.2.0/24", "198.51.100.0/24"], wafIpAllowList: ["192.0.2.0/24"], wafRateLimit: 500 },
    rstudio: {
      enabled: true,
      imageTag: "4.4.1",
      defaultCpu: 2048,
      defaultMemory: 8192,
      passwordRotationDays: 30,
      users: [{ name: "ada" }, { name: "grace", cpu: 4096, memory: 16384 }],
    },
    shiny: {
      enabled: true,
      imageTag: "4.4.1",
      cpu: 1024,
      memory: 4096,
      minTasks: 2,
      maxTasks: 6,
      targetCpuPercent: 50,
      targetMemoryPercent: 60,
      targetRequestsPerTask: 300,
      stickinessSeconds: 3600,
    },
    loadBalancer: { idleTimeoutSeconds: 120, deletionProtection: true, accessLogRetentionDays: 30 },
    sftp: {
      enabled: true,
      publicEndpoint: true,
      allowedCidrs: ["203.0.113.0/24"],
      users: [{ name: "ada", sshPublicKey: TEST_SSH_KEY }, { name: "Lab.Partner", sshPublicKey: TEST_SSH_KEY }],
    },
    dataSync: { schedule: "cron(15 * * * ? *)" },
    athena: { bytesScannedCutoffPerQueryGb: 20, resultRetentionDays: 7 },
    backup: { schedule: "cron(30 1 * * ? *)", retentionDays: 120 },
    logRetentionDays: 90,
    preventDestroy: true,
    state: {
      bucket: "test-state-bucket",
      region: "eu-central-1",
      accountId: "123456789012",
      keyPrefix: "platform/rstudio",
      roleArn: "arn:aws:iam::123456789012:role/state",
    },
  };
}

export function withUsers(input: EnvironmentInput, ...names: string[]): EnvironmentInput {
  return { ...input, rstudio: { ...input.rstudio, users: names.map((name) => ({ name })) } };
}

export function load(input: EnvironmentInput): EnvironmentConfig {
  return loadEnvironment(input);
}

/** The problems the environment file is refused with; fails the test when it is accepted. */
export function problemsOf(input: unknown): readonly string[] {
  try {
    loadEnvironment(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("the environment was accepted");
}
