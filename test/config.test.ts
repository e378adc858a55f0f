import { loadEnvironment } from "../config/load";
import { EnvironmentInput } from "../config/schema";
import { fullInput, minimalInput, problemsOf } from "./support/environment";

type Mutation = (input: any) => void;

function problemsAfter(mutate: Mutation): readonly string[] {
  const input = minimalInput();
  mutate(input);
  return problemsOf(input);
}

describe("loadEnvironment", () => {
  it("applies every default to a minimal environment", () => {
    const config = loadEnvironment(minimalInput());
    expect(config.rstudio).toMatchObject({ enabled: true, imageTag: "4.4.2", defaultCpu: 1024, defaultMemory: 4096, users: [] });
    expect(config.shiny).toMatchObject({ enabled: true, minTasks: 1, maxTasks: 4, host: "shiny.example.org" });
    expect(config.loadBalancer).toEqual({
      idleTimeoutSeconds: 300,
      deletionProtection: true,
      accessLogRetentionDays: 90,
      maxRulesPerListener: 100,
      maxTargetGroupsPerLoadBalancer: 100,
    });
    expect(config.network.interfaceEndpoints).toBe(true);
    expect(config.preventDestroy).toBe(true);
    expect(config.state.keyPrefix).toBe("rstudio-shiny");
  });

  it("carves private (/19) and public (/20) subnets from the VPC when none are given", () => {
    const config = loadEnvironment(minimalInput());
    expect(config.network.privateSubnetCidrs).toEqual(["10.0.0.0/19", "10.0.32.0/19"]);
    expect(config.network.publicSubnetCidrs).toEqual(["10.0.128.0/20", "10.0.144.0/20"]);
  });

  it("keeps every value of a full environment and resolves user sizes, hosts and load balancers", () => {
    const config = loadEnvironment(fullInput());
    expect(config.network.privateSubnetCidrs).toEqual(["10.1.16.0/20", "10.1.32.0/20", "10.1.48.0/20"]);
    expect(config.rstudio.users).toEqual([
      { name: "ada", cpu: 2048, memory: 8192, host: "ada.rstudio.example.org", loadBalancerKey: "0" },
      { name: "grace", cpu: 4096, memory: 16384, host: "grace.rstudio.example.org", loadBalancerKey: "0" },
    ]);
    expect(config.shiny.stickinessSeconds).toBe(3600);
    expect(config.state.roleArn).toBe("arn:aws:iam::123456789012:role/state");
  });

  it.each([
    ["Bob Smith", "bob-smith"],
    ["ADA", "ada"],
    ["grace.hopper", "grace-hopper"],
    ["alan_turing", "alan-turing"],
    ["2pac", "u2pac"],
    ["_edsger_", "edsger"],
  ])("normalises the user name %j to %j", (raw, name) => {
    const config = loadEnvironment({ ...minimalInput(), rstudio: { users: [{ name: raw }] } });
    expect(config.rstudio.users[0]).toMatchObject({ name, host: `${name}.rstudio.example.org` });
  });

  it("names the environment in the error", () => {
    const input: EnvironmentInput = { ...minimalInput(), name: "qa" };
    input.network = { ...input.network, vpcCidr: "10.0.0.0/8" };
    expect(() => loadEnvironment(input)).toThrow(
      'environment "qa" is invalid:\n  - `network.vpcCidr` must have a prefix length between /16 and /22, got: "10.0.0.0/8"',
    );
  });

  it("reports every problem of a phase at once (schema first, then cross-field rules)", () => {
    expect(
      problemsAfter((input) => {
        input.network.vpcCidr = "10.0.0/16";
        input.network.natGateways = "many";
      }),
    ).toHaveLength(2);
    expect(
      problemsAfter((input) => {
        input.dns.rstudioDomain = "rstudio.other.org";
        input.dns.shinyDomain = "shiny.other.org";
      }),
    ).toHaveLength(2);
  });

  const cases: [string, Mutation, string][] = [
    ["prefix too long", (i) => (i.network.vpcCidr = "10.0.0.0/33"), '`network.vpcCidr` prefix length must be between 0 and 32, got: "10.0.0.0/33"'],
    ["host bits set", (i) => (i.network.vpcCidr = "10.0.0.1/16"), '`network.vpcCidr` host bits are set; the network address is 10.0.0.0/16, got: "10.0.0.1/16"'],
    ["malformed CIDR", (i) => (i.network.vpcCidr = "10.0.0/16"), '`network.vpcCidr` must be an IPv4 CIDR such as 10.0.0.0/16, got: "10.0.0/16"'],
    ["octet out of range", (i) => (i.network.vpcCidr = "10.300.0.0/16"), '`network.vpcCidr` must be an IPv4 CIDR such as 10.0.0.0/16, got: "10.300.0.0/16"'],
    ["VPC too small", (i) => (i.network.vpcCidr = "10.0.0.0/24"), '`network.vpcCidr` must have a prefix length between /16 and /22, got: "10.0.0.0/24"'],
    [
      "overlapping subnets",
      (i) => {
        i.network.publicSubnetCidrs = ["10.0.0.0/24", "10.0.1.0/24"];
        i.network.privateSubnetCidrs = ["10.0.1.0/24", "10.0.128.0/20"];
      },
      '`network.privateSubnetCidrs[0]` overlaps network.publicSubnetCidrs[1] (10.0.1.0/24), got: "10.0.1.0/24"',
    ],
    [
      "subnet outside the VPC",
      (i) => (i.network.publicSubnetCidrs = ["10.0.128.0/24", "10.9.0.0/24"]),
      '`network.publicSubnetCidrs[1]` must lie inside network.vpcCidr (10.0.0.0/16), got: "10.9.0.0/24"',
    ],
    [
      "subnet count differs from zones",
      (i) => (i.network.publicSubnetCidrs = ["10.0.0.0/24"]),
      '`network.publicSubnetCidrs` must list one CIDR per availability zone (2), got: ["10.0.0.0/24"]',
    ],
    [
      "malformed allowed CIDR",
      (i) => (i.access.allowedCidrs = ["192.0.2.0/24", "any"]),
      '`access.allowedCidrs[1]` must be an IPv4 CIDR such as 10.0.0.0/16, got: "any"',
    ],
    [
      "zone of another region",
      (i) => (i.network.availabilityZones = ["eu-west-1a", "eu-central-1b"]),
      '`network.availabilityZones[0]` must be a zone of region eu-central-1 (such as eu-central-1a), got: "eu-west-1a"',
    ],
    [
      "a single zone",
      (i) => (i.network.availabilityZones = ["eu-central-1a"]),
      '`network.availabilityZones` must list at least 2 item(s), got: ["eu-central-1a"]',
    ],
    [
      "zone listed twice",
      (i) => (i.network.availabilityZones = ["eu-central-1a", "eu-central-1a"]),
      '`network.availabilityZones[1]` is listed twice, got: "eu-central-1a"',
    ],
    ["unknown NAT mode", (i) => (i.network.natGateways = "many"), '`network.natGateways` must be one of "single", "one-per-az", got: "many"'],
    ["unknown field", (i) => (i.network.vpc_cidr = "10.0.0.0/16"), '`network.vpc_cidr` is not a known field, got: "10.0.0.0/16"'],
    [
      "invalid Fargate pair for a user",
      (i) => (i.rstudio = { users: [{ name: "ada", cpu: 1024, memory: 1024 }] }),
      '`rstudio.users[0]` is not a valid Fargate size (cpu 1024, memory 1024): with cpu 1024, memory must be one of 2048, 3072, 4096, 5120, 6144, 7168, 8192 (user ada), got: {"cpu":1024,"memory":1024}',
    ],
    [
      "a user's CPU that does not fit the default memory",
      (i) => (i.rstudio = { users: [{ name: "ada" }, { name: "bob", cpu: 256 }] }),
      '`rstudio.users[1]` is not a valid Fargate size (cpu 256, memory 4096): with cpu 256, memory must be one of 512, 1024, 2048 (user bob; memory from rstudio.defaultMemory), got: {"cpu":256,"memory":4096}',
    ],
    [
      "invalid Fargate CPU for Shiny",
      (i) => (i.shiny = { cpu: 3000, memory: 4096 }),
      '`shiny.cpu` is not a valid Fargate size (cpu 3000, memory 4096): cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384, got: {"cpu":3000,"memory":4096}',
    ],
    [
      "duplicate user",
      (i) => (i.rstudio = { users: [{ name: "ada" }, { name: "ada" }] }),
      '`rstudio.users[1].name` duplicates rstudio.users[0].name, got: "ada"',
    ],
    [
      "user name with a character no DNS label has",
      (i) => (i.rstudio = { users: [{ name: "Zoë" }] }),
      '`rstudio.users[0].name` must match ^[a-z][a-z0-9-]{0,15}[a-z0-9]$, got: "Zoë"',
    ],
    [
      "user name too long for AWS names",
      (i) => (i.rstudio = { users: [{ name: "abcdefghijklmnopqr" }] }),
      '`rstudio.users[0].name` must match ^[a-z][a-z0-9-]{0,15}[a-z0-9]$, got: "abcdefghijklmnopqr"',
    ],
    [
      "user names that collide once normalised",
      (i) => (i.rstudio = { users: [{ name: "bob_smith" }, { name: "Bob.Smith" }] }),
      '`rstudio.users[1].name` duplicates rstudio.users[0].name (normalised to "bob-smith"), got: "Bob.Smith"',
    ],
    [
      "a retained user who is still active",
      (i) => (i.rstudio = { users: [{ name: "ada" }], retainedUsers: ["Ada"] }),
      '`rstudio.retainedUsers[0]` is an active user (rstudio.users[0]); remove it from one of the lists, got: "Ada"',
    ],
    [
      "a user both retained and purged",
      (i) => (i.rstudio = { retainedUsers: ["bob"], purgeUsers: ["bob"] }),
      '`rstudio.purgeUsers[0]` is already listed in rstudio.retainedUsers, got: "bob"',
    ],
    [
      "user host equal to the Shiny host",
      (i) => {
        i.dns.shinyDomain = "shiny.rstudio.example.org";
        i.rstudio = { users: [{ name: "shiny" }] };
      },
      '`rstudio.users[0].name` makes host name shiny.rstudio.example.org, a duplicate of dns.shinyDomain, got: "shiny"',
    ],
    ["missing domain", (i) => delete i.dns.shinyDomain, "`dns.shinyDomain` is required, got: nothing"],
    [
      "domain outside the zone",
      (i) => (i.dns.shinyDomain = "shiny.other.org"),
      '`dns.shinyDomain` must be inside the hosted zone dns.zoneName (example.org), got: "shiny.other.org"',
    ],
    ["idle timeout below RStudio long polling", (i) => (i.loadBalancer = { idleTimeoutSeconds: 30 }), "`loadBalancer.idleTimeoutSeconds` must be at least 60, got: 30"],
    [
      "log retention CloudWatch does not offer",
      (i) => (i.logRetentionDays = 10),
      "`logRetentionDays` must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (CloudWatch Logs retention values), got: 10",
    ],
    [
      "Shiny bounds reversed",
      (i) => (i.shiny = { minTasks: 5, maxTasks: 2 }),
      "`shiny.minTasks` must not exceed shiny.maxTasks (2), got: 5",
    ],
    [
      "nothing enabled",
      (i) => {
        i.rstudio = { enabled: false };
        i.shiny = { enabled: false };
      },
      "`rstudio.enabled` and shiny.enabled cannot both be false (nothing to deploy), got: false",
    ],
    ["account id", (i) => (i.accountId = "12345"), '`accountId` must match ^\\d{12}$, got: "12345"'],
    [
      "state bucket with dots (its KMS alias could not exist)",
      (i) => (i.state.bucket = "acme.state"),
      '`state.bucket` must match ^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$, got: "acme.state"',
    ],
    ["wrong type", (i) => (i.shiny = { cpu: "1024" }), '`shiny.cpu` must be number, got: "1024"'],
  ];

  it.each(cases)("rejects %s", (_name, mutate, expected) => {
    expect(problemsAfter(mutate)).toEqual([expected]);
  });
});
