import { euWest1 } from "./eu-west-1";
import { PriceTable } from "./types";

export * from "./types";

/** The price tables kept in the repository, by region. */
export const PRICE_TABLES: Readonly<Record<string, PriceTable>> = { [euWest1.region]: euWest1 };

export function priceTableFor(region: string): PriceTable {
  const table = PRICE_TABLES[region];
  if (!table) {
    throw new Error(`cost: no price table for region "${region}" (have: ${Object.keys(PRICE_TABLES).join(", ")}); add tools/cost/prices/${region}.ts`);
  }
  return table;
}
