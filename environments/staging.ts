import { EnvironmentInput } from "../config/schema";

/** Staging: production's shape (NAT per zone, endpoints) at smaller sizes, for release rehearsals. */
const staging: EnvironmentInput = {
  name: "staging",
  accountId: "111111111111",
  region: "eu-west-1",
  namePrefix: "rstudio-stg",
  tags: { Project: "rstudio-shiny", CostCenter: "data-science" },
  network: {
    vpcCidr: "10.20.0.0/18",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "one-per-az",
    interfaceEndpoints: true,
  },
  dns: {
    hostedZoneId: "Z0STG0000000000000001",
    zoneName: "staging.analytics.example.com",
    rstudioDomain: "rstudio.staging.analytics.example.com",
    shinyDomain: "shiny.staging.analytics.example.com",
  },
  access: {
    allowedCidrs: ["203.0.113.0/24", "198.51.100.0/24"],
    wafIpAllowList: ["203.0.113.0/24", "198.51.100.0/24"],
  },
  rstudio: {
    users: [{ name: "alice" }, { name: "qa-bot", cpu: 512, memory: 1024 }],
  },
  shiny: { minTasks: 1, maxTasks: 3 },
  loadBalancer: { deletionProtection: false },
  // Rehearses prod's SFTP uploads, reachable from inside the VPC only.
  sftp: {
    enabled: true,
    users: [{ name: "qa-upload", sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8rCJ4uP3r8bWZ1d0JvEwQ8m7cQm1pF0o3m0nQ2Yx7 qa@staging" }],
  },
  backup: { retentionDays: 14 },
  hardening: {
    // Staging owns the detector and trail of account 111111111111 (shared with dev).
    guardDuty: { managedBy: "this-environment" },
    cloudTrail: { managedBy: "this-environment", retentionDays: 365 },
    shinyAuthentication: { threatProtection: false },
  },
  state: {
    bucket: "acme-rstudio-shiny-tfstate",
    region: "eu-west-1",
    accountId: "111111111111",
  },
};

export default staging;
