import { CostReport, DesignCost } from "./estimate";
import { HOURS_PER_MONTH } from "./schedule";

/** The report as Markdown (tables paste into the README as they are). */
export function renderReport(report: CostReport): string {
  const weak = new Set(report.weakPrices.map((price) => price.id));
  const out: string[] = [];
  out.push(
    `## ${report.environment} (${report.region}): $${usd(report.design.totalUsd)} a month`,
    "",
    `${report.users} RStudio users, each container running ${hours(report.rstudioHoursPerMonth)} of ${HOURS_PER_MONTH} h a month. ` +
      `On-demand list prices in USD, before tax, free tiers and discounts. † marks a figure that is not a published ${report.region} price in the stored sources (listed below).`,
    "",
  );
  for (const layer of report.design.layers) {
    out.push(`### ${layer.layer}`, "", "| Line | Quantity | Unit price | USD/month |", "|---|---:|---:|---:|");
    for (const line of layer.lines) {
      out.push(
        `| ${line.label} (${line.detail}) | ${amount(line.quantity)} ${line.unit} | $${unitPrice(line.unitPrice)}${line.prices.some((id) => weak.has(id)) ? " †" : ""} | ${usd(line.monthlyUsd)} |`,
      );
    }
    out.push(`| **${layer.layer} subtotal** | | | **${usd(layer.subtotalUsd)}** |`, "");
  }
  out.push(
    `**Total: $${usd(report.design.totalUsd)} a month.**`,
    "",
    "### The earlier public design with the same users",
    "",
    "One ALB and one hosted zone per user (and an ALB for Shiny); as published, containers always on and no Spot. " +
      "The middle column keeps this environment's schedule and Spot setting, so it shows what the shape alone costs.",
    "",
    "| Layer | This design | Earlier shape, same schedule and Spot | Earlier design as published |",
    "|---|---:|---:|---:|",
    ...compare(report.design, report.earlierShape, report.earlierDesign),
    "",
    `Saving: **$${usd(report.savingUsd)} a month (${report.savingPercent.toFixed(0)} %)**: ` +
      `$${usd(report.shapeSavingUsd)} from shared load balancers and one hosted zone, ` +
      `$${usd(report.costControlSavingUsd)} from the RStudio schedule and Shiny's Spot tasks.`,
    "",
    "### Assumptions",
    "",
    "| Assumption | Value | Meaning |",
    "|---|---:|---|",
    ...report.assumptions.map((a) => `| ${a.id} | ${amount(a.value)} ${a.unit} | ${a.description} |`),
    "",
    `### † Figures that are not published ${report.region} prices in the stored sources`,
    "",
    ...report.weakPrices.map((price) => `- ${price.id}: ${figure(price.usd, price.unit)}; ${price.source}${price.note ? `. ${price.note}` : ""}`),
    "",
    `Created but not priced (billed by usage this estimate does not model): ${Object.entries(report.unpriced)
      .map(([what, count]) => `${what} ${count}`)
      .join(", ")}. Not priced as negligible: KMS and Secrets Manager API requests, the password rotation function, ACM certificates (public, free), alias queries to the ALB, ` +
      `and data transfer out to the internet (at most ${amount(report.albGbPerMonth)} GB a month through the load balancers at these assumptions, inside the first 100 GB a month that AWS does not charge).`,
  );
  return out.join("\n");
}

function compare(...designs: DesignCost[]): string[] {
  return [
    ...designs[0].layers.map((layer, index) => `| ${layer.layer} | ${designs.map((design) => usd(design.layers[index].subtotalUsd)).join(" | ")} |`),
    `| **Total** | ${designs.map((design) => `**${usd(design.totalUsd)}**`).join(" | ")} |`,
  ];
}

/** A price, or a fraction (a discount) as a percentage. */
function figure(value: number, unit: string): string {
  return unit === "fraction" ? `${Number((value * 100).toPrecision(4))} %` : `$${unitPrice(value)} per ${unit}`;
}

function usd(value: number): string {
  return value.toFixed(2);
}

function unitPrice(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function amount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

function hours(value: number): string {
  return amount(Number(value.toFixed(1)));
}
