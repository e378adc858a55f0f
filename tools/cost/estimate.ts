import { EnvironmentConfig } from "../../config/load";
import { Layer } from "../../config/naming";
import { ASSUMPTIONS, AssumptionId, assumptionValues, AssumptionValues } from "./assumptions";
import { earlierDesign, earlierShape } from "./earlier-design";
import { EnvironmentJson } from "./instances";
import { costLines, CostLine } from "./lines";
import { Price, PriceId, priceTableFor, PriceTable } from "./prices";
import { isWeakPrice } from "./prices/types";
import { countQuantities, LAYERS, Quantities } from "./quantities";
import { scheduleHours } from "./schedule";
import { synthesizeEnvironment } from "./synth";

export interface LayerCost {
  readonly layer: Layer;
  readonly lines: CostLine[];
  readonly subtotalUsd: number;
}

export interface DesignCost {
  readonly layers: LayerCost[];
  readonly totalUsd: number;
}

/** The monthly estimate of one environment, as `npm run cost -- --json` prints it. */
export interface CostReport {
  readonly environment: string;
  readonly region: string;
  readonly users: number;
  readonly rstudioHoursPerMonth: number;
  /** Bytes through the load balancers, an upper bound of the data transferred out to users. */
  readonly albGbPerMonth: number;
  readonly design: DesignCost;
  /** The earlier design as published: an ALB and a hosted zone per user, always on, no Spot. */
  readonly earlierDesign: DesignCost;
  /** The earlier shape with this environment's schedule and Spot setting. */
  readonly earlierShape: DesignCost;
  /** earlierDesign - design: both savings below. */
  readonly savingUsd: number;
  readonly savingPercent: number;
  /** earlierShape - design: what shared load balancers and one hosted zone save. */
  readonly shapeSavingUsd: number;
  /** earlierDesign - earlierShape: what the RStudio schedule and Shiny's Spot tasks save. */
  readonly costControlSavingUsd: number;
  readonly assumptions: { id: AssumptionId; value: number; unit: string; description: string }[];
  /** Prices used whose figure is not a published price for this region. */
  readonly weakPrices: (Price & { id: PriceId })[];
  readonly unpriced: Readonly<Record<string, number>>;
}

export interface EstimateOptions {
  readonly assumptions?: Partial<AssumptionValues>;
  readonly prices?: PriceTable;
}

/** Synthesizes the environment once and prices it, and the earlier design with the same users. */
export function estimateEnvironment(config: EnvironmentConfig, options: EstimateOptions = {}): CostReport {
  return estimateSynthesized(config.name, config.region, synthesizeEnvironment(config), options);
}

export function estimateSynthesized(name: string, region: string, stacks: EnvironmentJson, options: EstimateOptions = {}): CostReport {
  const table = options.prices ?? priceTableFor(region);
  const values = assumptionValues(options.assumptions);
  const quantities = countQuantities(stacks);
  const design = designCost(quantities, values, table);
  const earlier = designCost(earlierDesign(quantities), values, table);
  const shape = designCost(earlierShape(quantities), values, table);
  const saving = earlier.totalUsd - design.totalUsd;
  return {
    environment: name,
    region,
    users: quantities.rstudio.length,
    rstudioHoursPerMonth: scheduleHours(quantities.rstudioSchedule).runningHours,
    albGbPerMonth: quantities.loadBalancers.length > 0 ? quantities.rstudio.length * values.albGbPerUser + (quantities.shiny ? values.albGbShiny : 0) : 0,
    design,
    earlierDesign: earlier,
    earlierShape: shape,
    savingUsd: saving,
    savingPercent: earlier.totalUsd > 0 ? (100 * saving) / earlier.totalUsd : 0,
    shapeSavingUsd: shape.totalUsd - design.totalUsd,
    costControlSavingUsd: earlier.totalUsd - shape.totalUsd,
    assumptions: (Object.keys(ASSUMPTIONS) as AssumptionId[]).map((id) => ({
      id,
      value: values[id],
      unit: ASSUMPTIONS[id].unit,
      description: ASSUMPTIONS[id].description,
    })),
    weakPrices: (Object.entries(table.prices) as [PriceId, Price][])
      .filter(([, price]) => isWeakPrice(price))
      .map(([id, price]) => ({ id, ...price })),
    unpriced: quantities.unpriced,
  };
}

export function designCost(quantities: Quantities, values: AssumptionValues, table: PriceTable): DesignCost {
  const lines = costLines(quantities, values, table);
  const layers = LAYERS.map((layer) => {
    const own = lines.filter((line) => line.layer === layer);
    return { layer, lines: own, subtotalUsd: sum(own.map((line) => line.monthlyUsd)) };
  });
  return { layers, totalUsd: sum(layers.map((layer) => layer.subtotalUsd)) };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
