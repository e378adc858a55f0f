import { z } from "zod";
import { cidrSubnet, Ipv4Network, networksOverlap, parseIpv4Network } from "./cidr";
import { ConfigError, Path, problem, valueAt } from "./errors";
import { checkHardening } from "./hardening";
import { assignLoadBalancers, Assignment } from "./load-balancer-assignment";
import { usersPerLoadBalancer } from "./limits";
import { checkFargateSize, EnvironmentSettings, environmentSchema, UserSettings } from "./schema";

export interface RStudioUser extends UserSettings {
  readonly cpu: number;
  readonly memory: number;
  /** Fully qualified host name: `<name>.<rstudio domain>`. */
  readonly host: string;
  /** The load balancer serving the user ("0", "1", ...): the pin, or the place config/load-balancer-assignment.ts gives. */
  readonly loadBalancerKey: string;
}

/** A validated environment with every default applied and every derived value computed. */
export interface EnvironmentConfig extends Omit<EnvironmentSettings, "network" | "rstudio" | "shiny" | "sftp"> {
  readonly network: EnvironmentSettings["network"] & {
    readonly publicSubnetCidrs: string[];
    readonly privateSubnetCidrs: string[];
  };
  readonly rstudio: Omit<EnvironmentSettings["rstudio"], "users"> & { readonly users: RStudioUser[] };
  readonly shiny: EnvironmentSettings["shiny"] & { readonly host: string };
  readonly sftp: EnvironmentSettings["sftp"] & { readonly allowedCidrs: string[] };
}

/** Users with an RStudio service: the listed users while RStudio is on, else nobody. */
export function activeUserNames(config: Pick<EnvironmentConfig, "rstudio">): string[] {
  return config.rstudio.enabled ? config.rstudio.users.map((user) => user.name) : [];
}

/**
 * Users whose home directory and password exist: every listed user (even while RStudio is off,
 * so switching it off never touches their data) and the retained former users.
 */
export function userNamesWithData(config: Pick<EnvironmentConfig, "rstudio">): string[] {
  return [...config.rstudio.users.map((user) => user.name), ...config.rstudio.retainedUsers];
}

const MIN_VPC_PREFIX = 16;
const MAX_VPC_PREFIX = 22;

/**
 * Validates an environment file and resolves it. Throws a ConfigError listing every problem
 * (field, rule, value) before any Terraform is written.
 */
export function loadEnvironment(input: unknown): EnvironmentConfig {
  const label = environmentLabel(input);
  const parsed = environmentSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(label, parsed.error.issues.flatMap((issue) => zodProblems(issue, input)));
  }
  const settings = parsed.data;
  const problems: string[] = [];
  const report = (path: Path, rule: string, value: unknown) => problems.push(problem(path, rule, value));

  const network = resolveNetwork(settings, report);
  checkDns(settings, report);
  const { maxRulesPerListener, maxTargetGroupsPerLoadBalancer } = settings.loadBalancer;
  const capacity = usersPerLoadBalancer(maxRulesPerListener, maxTargetGroupsPerLoadBalancer);
  const placement = assignLoadBalancers(settings.rstudio.users, capacity);
  const users = settings.rstudio.users.map((user) => ({
    ...user,
    cpu: user.cpu ?? settings.rstudio.defaultCpu,
    memory: user.memory ?? settings.rstudio.defaultMemory,
    host: `${user.name}.${settings.dns.rstudioDomain}`,
    loadBalancerKey: placement.loadBalancers.get(user.name)!,
  }));
  checkSizes(settings, users, report);
  checkUsers(settings, users, input, report);
  if (settings.rstudio.enabled) checkLoadBalancerPins(users, placement, capacity, report);
  checkSftpUsers(settings, input, report);
  checkHardening(settings, report);
  if (settings.shiny.minTasks > settings.shiny.maxTasks) {
    report(["shiny", "minTasks"], `must not exceed shiny.maxTasks (${settings.shiny.maxTasks})`, settings.shiny.minTasks);
  }
  if (!settings.rstudio.enabled && !settings.shiny.enabled) {
    report(["rstudio", "enabled"], "and shiny.enabled cannot both be false (nothing to deploy)", false);
  }
  if (settings.state.keyPrefix.includes("//")) {
    report(["state", "keyPrefix"], "must not contain empty path segments", settings.state.keyPrefix);
  }
  if (problems.length > 0) {
    throw new ConfigError(label, problems);
  }
  return {
    ...settings,
    network,
    rstudio: { ...settings.rstudio, users },
    shiny: { ...settings.shiny, host: settings.dns.shinyDomain },
    sftp: { ...settings.sftp, allowedCidrs: settings.sftp.allowedCidrs ?? settings.access.allowedCidrs },
  };
}

type Report = (path: Path, rule: string, value: unknown) => void;

function environmentLabel(input: unknown): string {
  const name = valueAt(input, ["name"]);
  return typeof name === "string" && name.length > 0 ? name : "<unnamed>";
}

function zodProblems(issue: z.ZodIssue, input: unknown): string[] {
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      return problem(path, "is not a known field", valueAt(input, path));
    });
  }
  return [problem(issue.path, zodRule(issue), valueAt(input, issue.path))];
}

function zodRule(issue: z.ZodIssue): string {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === "undefined" ? "is required" : `must be ${issue.expected}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `must be one of ${issue.options.map((option) => JSON.stringify(option)).join(", ")}`;
    case z.ZodIssueCode.too_small:
      return issue.type === "array" ? `must list at least ${issue.minimum} item(s)` : `must be at least ${issue.minimum}`;
    case z.ZodIssueCode.too_big:
      return issue.type === "array" ? `must list at most ${issue.maximum} item(s)` : `must be at most ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function resolveNetwork(settings: EnvironmentSettings, report: Report): EnvironmentConfig["network"] {
  const { network, region } = settings;
  const vpc = parseIpv4Network(network.vpcCidr) as Ipv4Network;
  const azCount = network.availabilityZones.length;

  network.availabilityZones.forEach((zone, index) => {
    if (!new RegExp(`^${region}[a-z]$`).test(zone)) {
      report(["network", "availabilityZones", index], `must be a zone of region ${region} (such as ${region}a)`, zone);
    } else if (network.availabilityZones.indexOf(zone) !== index) {
      report(["network", "availabilityZones", index], "is listed twice", zone);
    }
  });

  if (vpc.prefixLength < MIN_VPC_PREFIX || vpc.prefixLength > MAX_VPC_PREFIX) {
    report(["network", "vpcCidr"], `must have a prefix length between /${MIN_VPC_PREFIX} and /${MAX_VPC_PREFIX}`, network.vpcCidr);
    return { ...network, publicSubnetCidrs: [], privateSubnetCidrs: [] };
  }

  // Default layout: private subnets take half the VPC (one /+3 each), public ones a /+4 each after them.
  const privateSubnetCidrs = network.privateSubnetCidrs ?? network.availabilityZones.map((_, i) => cidrSubnet(vpc, 3, i));
  const publicSubnetCidrs = network.publicSubnetCidrs ?? network.availabilityZones.map((_, i) => cidrSubnet(vpc, 4, 8 + i));

  const subnets: { path: Path; value: string; network: Ipv4Network }[] = [];
  for (const [field, cidrs] of [["publicSubnetCidrs", publicSubnetCidrs], ["privateSubnetCidrs", privateSubnetCidrs]] as const) {
    if (cidrs.length !== azCount) {
      report(["network", field], `must list one CIDR per availability zone (${azCount})`, cidrs);
      continue;
    }
    cidrs.forEach((value, index) => {
      const subnet = parseIpv4Network(value) as Ipv4Network;
      const path = ["network", field, index];
      if (subnet.prefixLength > 27) {
        report(path, "must be /27 or larger (a load balancer needs 8 free addresses per subnet)", value);
      }
      if (subnet.base < vpc.base || subnet.base + 2 ** (32 - subnet.prefixLength) > vpc.base + 2 ** (32 - vpc.prefixLength)) {
        report(path, `must lie inside network.vpcCidr (${network.vpcCidr})`, value);
      }
      const clash = subnets.find((other) => networksOverlap(other.network, subnet));
      if (clash) {
        report(path, `overlaps ${clash.path.join(".").replace(/\.(\d+)/g, "[$1]")} (${clash.value})`, value);
      }
      subnets.push({ path, value, network: subnet });
    });
  }
  return { ...network, publicSubnetCidrs, privateSubnetCidrs };
}

function isWithin(domain: string, zone: string): boolean {
  return domain === zone || domain.endsWith(`.${zone}`);
}

function checkDns(settings: EnvironmentSettings, report: Report): void {
  const { dns } = settings;
  for (const field of ["rstudioDomain", "shinyDomain"] as const) {
    if (!isWithin(dns[field], dns.zoneName)) {
      report(["dns", field], `must be inside the hosted zone dns.zoneName (${dns.zoneName})`, dns[field]);
    }
  }
}

function checkSizes(settings: EnvironmentSettings, users: RStudioUser[], report: Report): void {
  const check = (path: Path, cpu: number, memory: number, context = "") => {
    const rule = checkFargateSize(cpu, memory);
    if (rule) report(path, `${rule}${context}`, { cpu, memory });
  };
  check(["rstudio", "defaultCpu"], settings.rstudio.defaultCpu, settings.rstudio.defaultMemory);
  check(["shiny", "cpu"], settings.shiny.cpu, settings.shiny.memory);
  users.forEach((user, index) => {
    if (user.cpu === settings.rstudio.defaultCpu && user.memory === settings.rstudio.defaultMemory) return;
    const given = settings.rstudio.users[index];
    const defaulted = [given.cpu === undefined ? "cpu from rstudio.defaultCpu" : "", given.memory === undefined ? "memory from rstudio.defaultMemory" : ""].filter(Boolean);
    check(["rstudio", "users", index], user.cpu, user.memory, ` (user ${[user.name, ...defaulted].join("; ")})`);
  });
}

function checkUsers(settings: EnvironmentSettings, users: RStudioUser[], input: unknown, report: Report): void {
  const firstIndex = new Map<string, number>();
  users.forEach((user, index) => {
    const path = ["rstudio", "users", index, "name"];
    const raw = valueAt(input, path);
    const earlier = firstIndex.get(user.name);
    if (earlier !== undefined) {
      const normalised = raw === user.name ? "" : ` (normalised to "${user.name}")`;
      report(path, `duplicates rstudio.users[${earlier}].name${normalised}`, raw);
    } else {
      firstIndex.set(user.name, index);
    }
    if (settings.shiny.enabled && user.host === settings.dns.shinyDomain) {
      report(path, `makes host name ${user.host}, a duplicate of dns.shinyDomain`, raw);
    }
  });
  const listed = new Map<string, string>();
  for (const field of ["retainedUsers", "purgeUsers"] as const) {
    settings.rstudio[field].forEach((name, index) => {
      const path = ["rstudio", field, index];
      const raw = valueAt(input, path);
      if (firstIndex.has(name)) {
        report(path, `is an active user (rstudio.users[${firstIndex.get(name)}]); remove it from one of the lists`, raw);
      } else if (listed.has(name)) {
        report(path, `is already listed in rstudio.${listed.get(name)}`, raw);
      } else {
        listed.set(name, field);
      }
    });
  }
}

function checkLoadBalancerPins(users: RStudioUser[], placement: Assignment, capacity: number, report: Report): void {
  for (const { index, loadBalancer } of placement.fullPins) {
    report(
      ["rstudio", "users", index, "loadBalancer"],
      `pins ${users[index].name} to load balancer ${loadBalancer}, which the users listed before already fill (${capacity} each: loadBalancer.maxRulesPerListener and maxTargetGroupsPerLoadBalancer, less Shiny's rule)`,
      loadBalancer,
    );
  }
}

function checkSftpUsers(settings: EnvironmentSettings, input: unknown, report: Report): void {
  const firstIndex = new Map<string, number>();
  settings.sftp.users.forEach((user, index) => {
    const path = ["sftp", "users", index, "name"];
    const earlier = firstIndex.get(user.name);
    if (earlier === undefined) {
      firstIndex.set(user.name, index);
    } else {
      const raw = valueAt(input, path);
      const normalised = raw === user.name ? "" : ` (normalised to "${user.name}")`;
      report(path, `duplicates sftp.users[${earlier}].name${normalised}`, raw);
    }
  });
  if (settings.sftp.publicEndpoint && !settings.sftp.enabled) {
    report(["sftp", "publicEndpoint"], "needs sftp.enabled", true);
  }
}
