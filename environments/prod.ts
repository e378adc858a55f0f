import { EnvironmentInput } from "../config/schema";

/** Production: three zones, NAT per zone, interface endpoints, larger tasks, deletion protection. */
const prod: EnvironmentInput = {
  name: "prod",
  accountId: "222222222222",
  region: "eu-west-1",
  namePrefix: "rstudio-prod",
  tags: { Project: "rstudio-shiny", CostCenter: "data-science", DataClassification: "confidential" },
  network: {
    vpcCidr: "10.30.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    natGateways: "one-per-az",
    interfaceEndpoints: true,
    flowLogRetentionDays: 365,
  },
  dns: {
    hostedZoneId: "Z0PRD0000000000000001",
    zoneName: "analytics.example.com",
    rstudioDomain: "rstudio.analytics.example.com",
    shinyDomain: "shiny.analytics.example.com",
  },
  access: {
    allowedCidrs: ["0.0.0.0/0"],
    wafRateLimit: 5000,
  },
  rstudio: {
    defaultCpu: 2048,
    defaultMemory: 8192,
    users: [
      { name: "alice" },
      { name: "bob" },
      { name: "carol", cpu: 4096, memory: 16384 },
      { name: "dmitri" },
    ],
  },
  shiny: {
    cpu: 1024,
    memory: 2048,
    minTasks: 2,
    maxTasks: 10,
  },
  loadBalancer: { deletionProtection: true, idleTimeoutSeconds: 300 },
  // Partners upload from their offices: a public endpoint, reachable from their networks only.
  sftp: {
    enabled: true,
    publicEndpoint: true,
    allowedCidrs: ["198.51.100.0/24", "192.0.2.0/24"],
    users: [
      { name: "alice", sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8rCJ4uP3r8bWZ1d0JvEwQ8m7cQm1pF0o3m0nQ2Yx7 alice@laptop" },
      { name: "partner-lab", sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB3xq9Lw0sE7mQv2uYk4Hn8pTz1cRj6aFd5oWg2eKs9V lab@upload-host" },
    ],
  },
  athena: { bytesScannedCutoffPerQueryGb: 500 },
  // Three months of daily EFS backups.
  backup: { retentionDays: 90 },
  logRetentionDays: 731,
  hardening: {
    guardDuty: { managedBy: "this-environment", runtimeMonitoring: true },
    cloudTrail: { managedBy: "this-environment", retentionDays: 2557 },
    // Off: USD 3,000 a month per organization; switch on with an active Shield Advanced subscription.
    shieldAdvanced: { enabled: false },
    egressFilter: { enabled: true },
    shinyAuthentication: { enabled: true, mfa: "ON", threatProtection: true },
    readOnlyRootFilesystem: true,
  },
  state: {
    bucket: "acme-rstudio-shiny-tfstate",
    region: "eu-west-1",
    accountId: "111111111111",
    roleArn: "arn:aws:iam::111111111111:role/terraform-state-prod",
  },
};

export default prod;
