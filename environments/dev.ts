import { EnvironmentInput } from "../config/schema";

/** Development: cheapest shape that still spans two zones (one NAT gateway, small tasks). */
const dev: EnvironmentInput = {
  name: "dev",
  accountId: "111111111111",
  region: "eu-west-1",
  namePrefix: "rstudio-dev",
  tags: { Project: "rstudio-shiny", CostCenter: "data-science" },
  network: {
    vpcCidr: "10.10.0.0/20",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    natGateways: "single",
    interfaceEndpoints: false,
    flowLogRetentionDays: 30,
  },
  dns: {
    hostedZoneId: "Z0DEV0000000000000001",
    zoneName: "dev.analytics.example.com",
    rstudioDomain: "rstudio.dev.analytics.example.com",
    shinyDomain: "shiny.dev.analytics.example.com",
  },
  access: {
    allowedCidrs: ["203.0.113.0/24"],
  },
  rstudio: {
    defaultCpu: 512,
    defaultMemory: 2048,
    users: [{ name: "alice" }, { name: "bob", cpu: 1024, memory: 4096 }],
    // Nobody works at night in dev: stop the containers (homes stay on EFS).
    schedule: { timezone: "Europe/London", start: "cron(0 7 ? * MON-FRI *)", stop: "cron(0 20 * * ? *)" },
  },
  shiny: {
    cpu: 256,
    memory: 512,
    minTasks: 1,
    maxTasks: 2,
    fargateSpot: true,
  },
  loadBalancer: { deletionProtection: false },
  // No SFTP server in dev (it is billed by the hour): uploads go straight to the data bucket.
  // Short-lived data in dev: a week of backups.
  backup: { retentionDays: 7 },
  logRetentionDays: 30,
  hardening: {
    // Account 111111111111 is shared with staging, which owns its detector and trail.
    guardDuty: { managedBy: "another-environment" },
    cloudTrail: { managedBy: "another-environment" },
    shinyAuthentication: { threatProtection: false },
  },
  state: {
    bucket: "acme-rstudio-shiny-tfstate",
    region: "eu-west-1",
    accountId: "111111111111",
  },
};

export default dev;
