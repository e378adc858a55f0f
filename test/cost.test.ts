import { EnvironmentInput } from "../config/schema";
import { loadEnvironments } from "../stacks/app";
import { environments } from "../environments";
import { fullInput, load, minimalInput, withUsers } from "./support/environment";
import { ASSUMPTIONS, assumptionValues } from "../tools/cost/assumptions";
import { costLines } from "../tools/cost/lines";
import { runCost, selectEnvironments } from "../tools/cost/cli";
import { renderReport } from "../tools/cost/render";
import { CostReport, estimateSynthesized } from "../tools/cost/estimate";
import { EnvironmentJson, instances } from "../tools/cost/instances";
import { PRICE_TABLES, priceTableFor } from "../tools/cost/prices";
import { euWest1 } from "../tools/cost/prices/eu-west-1";
import { countQuantities } from "../tools/cost/quantities";
import { HOURS_PER_MONTH, scheduleHours } from "../tools/cost/schedule";
import { synthesizeEnvironment } from "../tools/cost/synth";

/** Weekdays 07:00 to 20:00: 13 h x 5 days of the week's 168 h. */
const WORKING_DAYS = { timezone: "Europe/London", start: "cron(0 7 ? * MON-FRI *)", stop: "cron(0 20 * * ? *)" };
const prices = euWest1.prices;

function withShiny(input: EnvironmentInput, shiny: EnvironmentInput["shiny"]): EnvironmentInput {
  return { ...input, shiny: { ...input.shiny, ...shiny } };
}

function synthesize(input: EnvironmentInput): { stacks: EnvironmentJson; report: CostReport } {
  const config = load(input);
  const stacks = synthesizeEnvironment(config);
  return { stacks, report: estimateSynthesized(config.name, config.region, stacks, { prices: euWest1 }) };
}

function lineUsd(report: CostReport, label: RegExp, design: "design" | "earlierDesign" | "earlierShape" = "design"): number {
  return report[design].layers.flatMap((layer) => layer.lines).filter((line) => label.test(line.label)).reduce((sum, line) => sum + line.monthlyUsd, 0);
}

describe("cost estimate", () => {
  // Three Shiny tasks, always on and on demand, against the same users stopped at night with Spot.
  const alwaysOnInput = withShiny(withUsers(minimalInput(), "ada", "grace"), { minTasks: 3, maxTasks: 4, fargateSpot: false });
  const scheduledInput = withShiny(
    { ...alwaysOnInput, rstudio: { ...alwaysOnInput.rstudio, schedule: WORKING_DAYS } },
    { minTasks: 3, maxTasks: 4, fargateSpot: true },
  );
  const alwaysOn = synthesize(alwaysOnInput);
  const scheduled = synthesize(scheduledInput);
  const full = synthesize(fullInput());

  describe("quantities come from the synthesized stacks", () => {
    it("counts one NAT gateway for `single` and one per zone for `one-per-az`, as Terraform would create them", () => {
      const single = countQuantities(alwaysOn.stacks);
      const perZone = countQuantities(full.stacks);
      expect([single.natGateways, single.elasticIps, single.zones]).toEqual([1, 1, 2]);
      expect([perZone.natGateways, perZone.elasticIps, perZone.zones]).toEqual([3, 3, 3]);
      expect(instances(full.stacks, "network", "aws_nat_gateway.nat_gateway").map((nat) => nat.key)).toEqual([
        "eu-central-1a",
        "eu-central-1b",
        "eu-central-1c",
      ]);
    });

    it("counts interface endpoints per zone, users, keys, secrets, WAF rules and load balancers from the stacks", () => {
      const q = countQuantities(full.stacks);
      const network = full.stacks.network.resource!;
      const security = full.stacks.security.resource!;
      expect(q.interfaceEndpoints).toBe(8);
      expect(q.interfaceEndpointZones).toBe(8 * 3);
      expect(q.rstudio.map((user) => [user.user, user.cpu, user.memory])).toEqual([
        ["ada", 2048, 8192],
        ["grace", 4096, 16384],
      ]);
      expect(q.kmsKeys).toEqual({
        network: Object.keys(network.aws_kms_key).length,
        security: Object.keys(security.aws_kms_key).length,
        storage: 0,
        workload: 0,
      });
      expect(q.secrets).toBe(Object.keys(security.aws_secretsmanager_secret.passwords_secret.for_each as object).length);
      expect(q.wafRules).toBe((security.aws_wafv2_web_acl.waf_web_acl.rule as unknown[]).length);
      expect(q.loadBalancers).toEqual([{ key: "0", zones: 3, listenerRules: 3, users: ["ada", "grace"], shiny: true }]);
      // SFTP is on in the full environment; the two sync tasks always exist.
      expect([q.transferServers, q.transferProtocols, q.dataSyncTasks, q.hostedZones]).toEqual([1, 1, 2, 0]);
    });

    it("still prints the Transfer Family lines when SFTP is off, and prices one server-month when it is on", () => {
      const transferLines = (report: CostReport) =>
        report.design.layers
          .find((layer) => layer.layer === "storage")!
          .lines.filter((line) => /Transfer Family/.test(line.label))
          .map((line) => [line.label, line.quantity, line.monthlyUsd]);
      expect(countQuantities(alwaysOn.stacks).transferServers).toBe(0);
      expect(transferLines(alwaysOn.report)).toEqual([
        ["Transfer Family endpoints", 0, 0],
        ["Transfer Family data", 0, 0],
      ]);
      expect(transferLines(full.report)[0]).toEqual(["Transfer Family endpoints", 730, 730 * prices.transferProtocolHour.usd]);
    });

    it("fails naming the resource when a collection is written in an expression it cannot evaluate", () => {
      const stacks: EnvironmentJson = { network: { resource: { aws_subnet: { odd: { for_each: "${var.zones}" } } } } };
      expect(() => instances(stacks, "network", "aws_subnet.odd")).toThrow(
        'cost: cannot count the instances of network aws_subnet.odd for_each: unsupported expression "${var.zones}"',
      );
    });
  });

  describe("usage", () => {
    it("reads a working-hours schedule as 65 of every 168 hours", () => {
      const hours = scheduleHours([
        { schedule: WORKING_DAYS.start, capacity: 1 },
        { schedule: WORKING_DAYS.stop, capacity: 0 },
      ]);
      expect(hours.runningHours).toBeCloseTo((HOURS_PER_MONTH * 65) / 168, 6);
      expect(hours.startsPerMonth).toBeCloseTo((5 * HOURS_PER_MONTH) / 168, 6);
      expect(scheduleHours([]).runningHours).toBe(HOURS_PER_MONTH);
    });

    it("lowers the RStudio Fargate cost by the schedule's fraction of the month", () => {
      const before = lineUsd(alwaysOn.report, /^RStudio Fargate/);
      const after = lineUsd(scheduled.report, /^RStudio Fargate/);
      const twoUsersAlwaysOn = 2 * HOURS_PER_MONTH * (1 * prices.fargateVcpuHour.usd + 4 * prices.fargateGbHour.usd);
      expect(before).toBeCloseTo(twoUsersAlwaysOn, 6);
      expect(after / before).toBeCloseTo(65 / 168, 6);
      expect(scheduled.report.rstudioHoursPerMonth).toBeCloseTo((HOURS_PER_MONTH * 65) / 168, 6);
    });

    it("puts Shiny tasks beyond the first on Spot at the Spot discount", () => {
      const onDemand = lineUsd(alwaysOn.report, /^Shiny Fargate/);
      const withSpot = lineUsd(scheduled.report, /^Shiny Fargate/);
      const spotShare = 1 - prices.fargateSpotDiscount.usd;
      expect(withSpot).toBeLessThan(onDemand);
      expect(withSpot / onDemand).toBeCloseTo((1 + 2 * spotShare) / 3, 6);
    });
  });

  describe("the earlier public design", () => {
    it("costs more for the same users: an ALB and a hosted zone each, always on, no Spot", () => {
      const { report } = scheduled;
      expect(report.earlierDesign.totalUsd).toBeGreaterThan(report.design.totalUsd);
      expect(report.savingUsd).toBeCloseTo(report.earlierDesign.totalUsd - report.design.totalUsd, 6);
      expect(lineUsd(report, /^Application Load Balancers$/, "earlierDesign")).toBeCloseTo(3 * HOURS_PER_MONTH * prices.albHour.usd, 6);
      expect(lineUsd(report, /^Route 53 hosted zones/, "earlierDesign")).toBeCloseTo(2 * prices.hostedZoneMonth.usd, 6);
      expect(lineUsd(report, /^RStudio Fargate/, "earlierDesign")).toBeCloseTo(lineUsd(alwaysOn.report, /^RStudio Fargate/), 6);
    });

    it("tells the shape's saving from the schedule's and Spot's", () => {
      const { report } = scheduled;
      expect(report.shapeSavingUsd + report.costControlSavingUsd).toBeCloseTo(report.savingUsd, 6);
      // Same schedule and Spot: the Fargate lines are this design's; the load balancers the earlier shape's.
      expect(lineUsd(report, /Fargate/, "earlierShape")).toBeCloseTo(lineUsd(report, /Fargate/), 6);
      expect(lineUsd(report, /^Application Load Balancers$/, "earlierShape")).toBeCloseTo(lineUsd(report, /^Application Load Balancers$/, "earlierDesign"), 6);
      // Cost controls save Fargate hours (and the logs those hours write), never load balancers or zones.
      expect(report.costControlSavingUsd).toBeGreaterThanOrEqual(lineUsd(report, /Fargate/, "earlierDesign") - lineUsd(report, /Fargate/));
      expect(lineUsd(report, /^Route 53 hosted zones/, "earlierShape")).toBeCloseTo(lineUsd(report, /^Route 53 hosted zones/, "earlierDesign"), 6);
      // Without cost controls there is nothing to save but the shape.
      expect(alwaysOn.report.costControlSavingUsd).toBeCloseTo(0, 6);
    });

    it("grows by at least one ALB and one hosted zone per added user", () => {
      const threeUsers = synthesize(withUsers(alwaysOnInput, "ada", "grace", "hedy")).report;
      const growth = (label: RegExp) => lineUsd(threeUsers, label, "earlierDesign") - lineUsd(alwaysOn.report, label, "earlierDesign");
      expect(growth(/^Application Load Balancers$/)).toBeCloseTo(HOURS_PER_MONTH * prices.albHour.usd, 6);
      expect(growth(/^Route 53 hosted zones/)).toBeCloseTo(prices.hostedZoneMonth.usd, 6);
      const perUser = threeUsers.earlierDesign.totalUsd - alwaysOn.report.earlierDesign.totalUsd;
      expect(perUser).toBeGreaterThanOrEqual(HOURS_PER_MONTH * prices.albHour.usd + prices.hostedZoneMonth.usd);
      const ownGrowth = threeUsers.design.totalUsd - alwaysOn.report.design.totalUsd;
      expect(perUser - ownGrowth).toBeGreaterThanOrEqual(HOURS_PER_MONTH * prices.albHour.usd);
    });
  });

  describe("prices", () => {
    it("gives every price of every table a unit, a source and the date it was read", () => {
      for (const table of Object.values(PRICE_TABLES)) {
        for (const [id, price] of Object.entries(table.prices)) {
          expect({ id, source: price.source.length > 20, read: /^\d{4}-\d{2}-\d{2}$/.test(price.read), unit: price.unit.length > 0 }).toEqual({
            id,
            source: true,
            read: true,
            unit: true,
          });
          expect({ id, unsourcedSaysSo: price.basis !== "unsourced" || price.source.startsWith("not found in stored sources") }).toEqual({
            id,
            unsourcedSaysSo: true,
          });
        }
      }
    });

    it("lists the figures that are not published prices for the region in the report, the Spot discount among them", () => {
      const weak = Object.entries(prices).filter(([, price]) => ["unsourced", "other-region", "best-case"].includes(price.basis));
      expect(full.report.weakPrices.map((price) => price.id)).toEqual(weak.map(([id]) => id));
      expect(full.report.weakPrices.map((price) => price.id)).toContain("fargateSpotDiscount");
      // A Spot line's unit price is the on-demand price times the discount: it carries the discount's †.
      const spotLines = scheduled.report.design.layers.flatMap((layer) => layer.lines).filter((line) => line.label.includes("(Spot)"));
      expect(spotLines.map((line) => line.prices)).toEqual([
        ["fargateVcpuHour", "fargateSpotDiscount"],
        ["fargateGbHour", "fargateSpotDiscount"],
      ]);
      const rows = renderReport(scheduled.report).split("\n").filter((row) => row.startsWith("| Shiny Fargate")).map((row) => row.split(" | "));
      expect(rows.map(([label, , price]) => [label.replace(/ \(.*/, ""), label.includes("(Spot)"), price.endsWith(" †")])).toEqual([
        ["| Shiny Fargate vCPU", false, false],
        ["| Shiny Fargate memory", false, false],
        ["| Shiny Fargate vCPU", true, true],
        ["| Shiny Fargate memory", true, true],
      ]);
    });

    it("prices Container Insights metrics beyond the first 10,000 at the next tier", () => {
      const q = countQuantities(full.stacks);
      const metricsPerService = ASSUMPTIONS.metricsPerService.value;
      const services = Math.ceil(12_000 / metricsPerService);
      const lines = costLines({ ...q, ecsServices: services }, assumptionValues(), euWest1).filter((line) => /^Container Insights/.test(line.label));
      const metrics = (services + 1) * metricsPerService;
      expect(lines.map((line) => [line.price, line.quantity])).toEqual([
        ["metricMonth", 10_000],
        ["metricMonthAbove10k", metrics - 10_000],
      ]);
      const few = costLines(q, assumptionValues(), euWest1).filter((line) => /^Container Insights/.test(line.label));
      expect(few.map((line) => line.price)).toEqual(["metricMonth"]);
    });

    it("refuses a region without a price table, naming it", () => {
      expect(() => priceTableFor("eu-central-1")).toThrow('cost: no price table for region "eu-central-1" (have: eu-west-1)');
    });
  });

  describe("command", () => {
    it("names the unknown environment and the known ones", () => {
      const all = loadEnvironments(environments);
      expect(() => selectEnvironments(all, ["dev", "qa"])).toThrow('unknown environment "qa"; environments: dev, staging, prod');
      expect(selectEnvironments(all, []).map((config) => config.name)).toEqual(["dev", "staging", "prod"]);
      expect(() => runCost(["--yaml"])).toThrow('unknown option "--yaml"');
    });

    it("prints one JSON report per named environment, with the assumptions it used", () => {
      const [report] = JSON.parse(runCost(["dev", "--json"])) as CostReport[];
      expect(report.environment).toBe("dev");
      expect(report.design.layers.map((layer) => layer.layer)).toEqual(["network", "security", "storage", "workload"]);
      const subtotals = report.design.layers.reduce((sum, layer) => sum + layer.subtotalUsd, 0);
      expect(report.design.totalUsd).toBeCloseTo(subtotals, 6);
      expect(report.assumptions.map((assumption) => assumption.id)).toEqual(Object.keys(ASSUMPTIONS));
    });
  });
});
