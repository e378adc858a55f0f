import { Layer } from "../../config/naming";
import { AssumptionValues } from "./assumptions";
import { PriceId, PriceTable } from "./prices";
import { LoadBalancerQuantity, Quantities, RStudioQuantity } from "./quantities";
import { HOURS_PER_MONTH, scheduleHours } from "./schedule";

/** One line of the bill: a quantity of one priced unit. */
export interface CostLine {
  readonly layer: Layer;
  readonly label: string;
  /** How the quantity was reached (`2 gateways x 730 h`). */
  readonly detail: string;
  readonly quantity: number;
  readonly unit: string;
  readonly price: PriceId;
  /** Every price the unit price is made of (`price`, and a discount applied to it). */
  readonly prices: readonly PriceId[];
  readonly unitPrice: number;
  readonly monthlyUsd: number;
}

const MONTH_DAYS = 365 / 12;
const FIRST_METRIC_TIER = 10_000;
const KB_PER_GB = 1024 * 1024;

/** Every line of the monthly bill of the resources in `q`, used as the assumptions say. */
export function costLines(q: Quantities, a: AssumptionValues, table: PriceTable): CostLine[] {
  const line = (layer: Layer, label: string, detail: string, quantity: number, price: PriceId, factor = 1, factorPrice?: PriceId): CostLine => {
    const unitPrice = table.prices[price].usd * factor;
    const prices = factorPrice ? [price, factorPrice] : [price];
    return { layer, label, detail, quantity, unit: table.prices[price].unit, price, prices, unitPrice, monthlyUsd: quantity * unitPrice };
  };
  const users = q.rstudio.length;
  const shiny = q.shiny !== undefined;
  const rstudioHours = scheduleHours(q.rstudioSchedule).runningHours;
  const requests = users * a.requestsPerUser + (shiny ? a.requestsShiny : 0);
  const shinyTasks = q.shiny ? q.shiny.minTasks + a.shinyTasksAboveMinimum : 0;
  const shinySpot = q.shiny ? spotTasks(q.shiny, shinyTasks) : 0;
  const logVolume = logVolumes(q, a, rstudioHours, shinyTasks, requests);
  const efsGb = q.efsFileSystems > 0 ? q.efsHomes * a.efsGbPerUser + (shiny ? a.efsGbShinyApps : 0) : 0;
  const lcuHours = q.loadBalancers.reduce((sum, lb) => sum + loadBalancerLcuHours(lb, q.shiny !== undefined, a), 0);
  const albZones = q.loadBalancers.reduce((sum, lb) => sum + lb.zones, 0);

  const lines: CostLine[] = [
    line("network", "NAT gateways", `${plural(q.natGateways, "gateway")} x ${HOURS_PER_MONTH} h`, q.natGateways * HOURS_PER_MONTH, "natGatewayHour"),
    line(
      "network",
      "NAT data processed",
      `${plural(users, "user")} x ${a.natGbPerUser} GB${shiny ? ` + Shiny ${a.natGbShiny} GB` : ""}`,
      q.natGateways > 0 ? users * a.natGbPerUser + (shiny ? a.natGbShiny : 0) : 0,
      "natGatewayGb",
    ),
    line("network", "NAT public IPv4 addresses", `${plural(q.elasticIps, "address", "addresses")} x ${HOURS_PER_MONTH} h`, q.elasticIps * HOURS_PER_MONTH, "publicIpv4Hour"),
    line(
      "network",
      "Interface endpoints",
      `${plural(q.interfaceEndpoints, "endpoint")} in ${plural(q.interfaceEndpointZones, "endpoint-zone")} x ${HOURS_PER_MONTH} h`,
      q.interfaceEndpointZones * HOURS_PER_MONTH,
      "interfaceEndpointHour",
    ),
    line(
      "network",
      "Interface endpoint data",
      `${plural(users, "user")} x ${a.endpointGbPerUser} GB`,
      q.interfaceEndpoints > 0 ? users * a.endpointGbPerUser : 0,
      "interfaceEndpointGb",
    ),
    ...kmsLines("network"),
    ...logLines("network"),

    ...kmsLines("security"),
    line("security", "Secrets Manager secrets", plural(q.secrets, "password"), q.secrets, "secretMonth"),
    line("security", "WAF web ACLs", plural(q.wafWebAcls, "web ACL"), q.wafWebAcls, "wafWebAclMonth"),
    line("security", "WAF rules", `${plural(q.wafRules, "rule")}, a managed rule group counting as one`, q.wafRules, "wafRuleMonth"),
    line(
      "security",
      "WAF requests",
      `${formatCount(requests)} requests`,
      q.wafWebAcls > 0 ? requests / 1e6 : 0,
      "wafMillionRequests",
    ),
    ...logLines("security"),

    line("storage", "EFS Standard storage", `${plural(q.efsHomes, "home")} x ${a.efsGbPerUser} GB${shiny ? ` + apps ${a.efsGbShinyApps} GB` : ""}`, efsGb, "efsStandardGbMonth"),
    line(
      "storage",
      "EFS Elastic Throughput reads",
      `${plural(users, "user")} x ${a.efsReadGbPerUser} GB`,
      q.efsElasticThroughput ? users * a.efsReadGbPerUser : 0,
      "efsElasticReadGb",
    ),
    line(
      "storage",
      "EFS Elastic Throughput writes",
      `${plural(users, "user")} x ${a.efsWriteGbPerUser} GB`,
      q.efsElasticThroughput ? users * a.efsWriteGbPerUser : 0,
      "efsElasticWriteGb",
    ),
    line("storage", "EFS backups (AWS Backup)", `${q.efsBackups > 0 ? efsGb : 0} GB`, q.efsBackups > 0 ? efsGb : 0, "backupEfsGbMonth"),
    line(
      "storage",
      "S3 data bucket",
      `${plural(q.efsHomes, "user")} x ${a.dataBucketGbPerUser} GB`,
      q.buckets > 0 ? q.efsHomes * a.dataBucketGbPerUser : 0,
      "s3StandardGbMonth",
    ),
    line(
      "storage",
      "S3 log bucket (ALB access logs)",
      `${formatCount(requests)} requests x ${a.albLogKbPerRequest} KB x ${storedMonths(q.logBucketRetentionDays, a).toFixed(1)} months kept`,
      q.buckets > 0 && q.loadBalancers.length > 0 ? ((requests * a.albLogKbPerRequest) / KB_PER_GB) * storedMonths(q.logBucketRetentionDays, a) : 0,
      "s3StandardGbMonth",
    ),
    line("storage", "ECR images", `${plural(q.ecrRepositories, "repository", "repositories")} x ${a.ecrGbPerRepository} GB`, q.ecrRepositories * a.ecrGbPerRepository, "ecrGbMonth"),
    line("storage", "Transfer Family endpoints", `${plural(q.transferProtocols, "protocol")} x ${HOURS_PER_MONTH} h`, q.transferProtocols * HOURS_PER_MONTH, "transferProtocolHour"),
    line("storage", "Transfer Family data", `${plural(q.transferServers, "server")} x ${a.transferGbPerServer} GB`, q.transferServers * a.transferGbPerServer, "transferGb"),
    line("storage", "DataSync", `${plural(q.dataSyncTasks, "task")} x ${a.dataSyncGbPerTask} GB`, q.dataSyncTasks * a.dataSyncGbPerTask, "dataSyncGb"),

    line("workload", "Application Load Balancers", `${plural(q.loadBalancers.length, "load balancer")} x ${HOURS_PER_MONTH} h`, q.loadBalancers.length * HOURS_PER_MONTH, "albHour"),
    line("workload", "ALB capacity units", `traffic of ${plural(q.loadBalancers.length, "load balancer")} in ${a.busyHours} busy h`, lcuHours, "albLcuHour"),
    line("workload", "ALB public IPv4 addresses", `${plural(albZones, "address", "addresses")} (one per zone per ALB) x ${HOURS_PER_MONTH} h`, albZones * HOURS_PER_MONTH, "publicIpv4Hour"),
    ...fargateLines(
      "RStudio",
      q.rstudio.map((user) => ({ vcpu: (user.cpu / 1024) * user.desiredCount, gb: (user.memory / 1024) * user.desiredCount })),
      rstudioHours,
      `${plural(users, "user")}, ${describeHours(rstudioHours)}`,
    ),
    ...(q.shiny ? shinyLines(q.shiny, shinyTasks, shinySpot) : []),
    ...containerInsightsLines(),
    ...logLines("workload"),
    line("workload", "Route 53 hosted zones created", plural(q.hostedZones, "zone"), q.hostedZones, "hostedZoneMonth"),
  ];
  return lines;

  /** Container Insights metrics are billed as custom metrics, in tiers: the first 10,000 cost most. */
  function containerInsightsLines(): CostLine[] {
    const metrics = q.containerInsightsClusters > 0 ? (q.ecsServices + q.containerInsightsClusters) * a.metricsPerService : 0;
    const detail = `(${plural(q.ecsServices, "service")} + cluster) x ${a.metricsPerService}`;
    const firstTier = Math.min(metrics, FIRST_METRIC_TIER);
    const lines = [line("workload", "Container Insights metrics", detail, firstTier, "metricMonth")];
    if (metrics > FIRST_METRIC_TIER) {
      lines.push(line("workload", "Container Insights metrics above 10,000", `${metrics.toLocaleString("en-US")} metrics in all`, metrics - FIRST_METRIC_TIER, "metricMonthAbove10k"));
    }
    return lines;
  }

  function kmsLines(layer: Layer): CostLine[] {
    const keys = q.kmsKeys[layer];
    if (keys === 0) return [];
    return [
      line(layer, "KMS keys", plural(keys, "customer managed key"), keys, "kmsKeyMonth"),
      line(layer, "KMS rotated key versions", `${plural(keys, "key")} x ${a.kmsRotatedVersionsPerKey}`, keys * a.kmsRotatedVersionsPerKey, "kmsRotatedKeyMonth"),
    ];
  }

  function logLines(layer: Layer): CostLine[] {
    const groups = logVolume.filter((group) => group.layer === layer);
    if (groups.length === 0) return [];
    const ingested = groups.reduce((sum, group) => sum + group.gbPerMonth, 0);
    const stored = groups.reduce((sum, group) => sum + group.gbPerMonth * storedMonths(group.retentionDays, a), 0);
    const names = groups.map((group) => group.resource.replace(/_log_group$/, "")).join(", ");
    return [
      line(layer, "CloudWatch Logs ingested", `log groups: ${names}`, ingested, "logsIngestedGb"),
      line(layer, "CloudWatch Logs stored", `monthly volume x retention (at most ${a.logStorageMonthsCap} months)`, stored, "logsStoredGbMonth"),
    ];
  }

  function fargateLines(service: string, tasks: { vcpu: number; gb: number }[], hours: number, detail: string, spot = false): CostLine[] {
    const vcpu = tasks.reduce((sum, task) => sum + task.vcpu, 0);
    const gb = tasks.reduce((sum, task) => sum + task.gb, 0);
    const [factor, suffix, discount] = spot ? [1 - table.prices.fargateSpotDiscount.usd, " (Spot)", "fargateSpotDiscount" as const] : [1, "", undefined];
    return [
      line("workload", `${service} Fargate vCPU${suffix}`, `${formatNumber(vcpu)} vCPU x ${formatNumber(hours)} h; ${detail}`, vcpu * hours, "fargateVcpuHour", factor, discount),
      line("workload", `${service} Fargate memory${suffix}`, `${formatNumber(gb)} GB x ${formatNumber(hours)} h; ${detail}`, gb * hours, "fargateGbHour", factor, discount),
    ];
  }

  function shinyLines(shinyService: NonNullable<Quantities["shiny"]>, tasks: number, spot: number): CostLine[] {
    const size = { vcpu: shinyService.cpu / 1024, gb: shinyService.memory / 1024 };
    const onDemand = tasks - spot;
    return [
      ...fargateLines("Shiny", [{ vcpu: size.vcpu * onDemand, gb: size.gb * onDemand }], HOURS_PER_MONTH, `${plural(onDemand, "task")} on demand`),
      ...fargateLines("Shiny", [{ vcpu: size.vcpu * spot, gb: size.gb * spot }], HOURS_PER_MONTH, plural(spot, "task"), true),
    ];
  }
}

/** Tasks of `total` the capacity provider strategy places on Fargate Spot. */
export function spotTasks(shiny: NonNullable<Quantities["shiny"]>, total: number): number {
  const weights = shiny.onDemandWeight + shiny.spotWeight;
  if (weights === 0 || shiny.spotWeight === 0) return 0;
  return (Math.max(0, total - shiny.onDemandBase) * shiny.spotWeight) / weights;
}

/**
 * LCU-hours of one load balancer: in each busy hour the larger of the processed-bytes dimension
 * (1 GB per LCU) and the rule-evaluation dimension (1,000 evaluations a second per LCU; the first
 * 10 rules a request passes are free, and a request passes half the rules on average).
 */
export function loadBalancerLcuHours(lb: LoadBalancerQuantity, shinyEnabled: boolean, a: AssumptionValues): number {
  const shiny = lb.shiny && shinyEnabled;
  const gb = lb.users.length * a.albGbPerUser + (shiny ? a.albGbShiny : 0);
  const requests = lb.users.length * a.requestsPerUser + (shiny ? a.requestsShiny : 0);
  const billableRules = Math.max(0, (lb.listenerRules + 1) / 2 - 10);
  const bytesLcu = gb / a.busyHours;
  const rulesLcu = (requests / (a.busyHours * 3600)) * billableRules / 1000;
  return Math.max(bytesLcu, rulesLcu) * a.busyHours;
}

interface LogVolume {
  readonly layer: Layer;
  readonly resource: string;
  readonly retentionDays: number;
  readonly gbPerMonth: number;
}

/** Monthly volume of each log group, by what its resource name says it holds. */
function logVolumes(q: Quantities, a: AssumptionValues, rstudioHours: number, shinyTasks: number, requests: number): LogVolume[] {
  const rstudioTaskMonths = q.rstudio.reduce((sum: number, user: RStudioQuantity) => sum + user.desiredCount, 0) * (rstudioHours / HOURS_PER_MONTH);
  const volumeOf: Record<string, number> = {
    flow_logs_log_group: q.flowLogs > 0 ? a.flowLogGbBase + q.rstudio.length * a.flowLogGbPerUser : 0,
    waf_log_group: (requests * a.wafLogKbPerRequest) / KB_PER_GB,
    ecs_rstudio_log_group: rstudioTaskMonths * a.appLogGbPerTask,
    ecs_shiny_log_group: shinyTasks * a.appLogGbPerTask,
    ecs_exec_log_group: a.execLogGb,
  };
  return q.logGroups.map((group) => ({ ...group, gbPerMonth: volumeOf[group.resource] ?? 0 }));
}

function storedMonths(retentionDays: number, a: AssumptionValues): number {
  return Math.min(retentionDays / MONTH_DAYS, a.logStorageMonthsCap);
}

function describeHours(hours: number): string {
  return hours >= HOURS_PER_MONTH ? "always on" : `on ${formatNumber(hours)} of ${HOURS_PER_MONTH} h (schedule)`;
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${formatNumber(count)} ${count === 1 ? noun : nouns}`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function formatCount(value: number): string {
  return value >= 1e6 ? `${formatNumber(value / 1e6)}M` : value >= 1e3 ? `${formatNumber(value / 1e3)}k` : String(value);
}
