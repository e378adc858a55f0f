/** One published price, with where it was read and how far it is known to apply to the region. */
export interface Price {
  readonly description: string;
  /** What one unit is: `hour`, `GB`, `GB-month`, `month`, `1M requests`, ... */
  readonly unit: string;
  readonly usd: number;
  /** Where the figure was read (or, when none was found, a sentence that says so). */
  readonly source: string;
  /** The date the figure was read (YYYY-MM-DD). */
  readonly read: string;
  /**
   * `region`: published for this region; `global`: the same in every region; `other-region`: only
   * another region's figure was found (named in `note`); `best-case`: an advertised bound ("up to"),
   * not a price; `unsourced`: no stored source found.
   */
  readonly basis: "region" | "global" | "other-region" | "best-case" | "unsourced";
  readonly note?: string;
}

/** Every price the estimate uses. A table for another region must fill in each of them. */
export interface PriceTable {
  readonly region: string;
  readonly currency: "USD";
  readonly prices: {
    readonly fargateVcpuHour: Price;
    readonly fargateGbHour: Price;
    readonly fargateSpotDiscount: Price;
    readonly natGatewayHour: Price;
    readonly natGatewayGb: Price;
    readonly publicIpv4Hour: Price;
    readonly interfaceEndpointHour: Price;
    readonly interfaceEndpointGb: Price;
    readonly albHour: Price;
    readonly albLcuHour: Price;
    readonly wafWebAclMonth: Price;
    readonly wafRuleMonth: Price;
    readonly wafMillionRequests: Price;
    readonly kmsKeyMonth: Price;
    readonly kmsRotatedKeyMonth: Price;
    readonly secretMonth: Price;
    readonly logsIngestedGb: Price;
    readonly logsStoredGbMonth: Price;
    readonly metricMonth: Price;
    readonly metricMonthAbove10k: Price;
    readonly efsStandardGbMonth: Price;
    readonly efsElasticReadGb: Price;
    readonly efsElasticWriteGb: Price;
    readonly backupEfsGbMonth: Price;
    readonly s3StandardGbMonth: Price;
    readonly ecrGbMonth: Price;
    readonly hostedZoneMonth: Price;
    readonly transferProtocolHour: Price;
    readonly transferGb: Price;
    readonly dataSyncGb: Price;
  };
}

export type PriceId = keyof PriceTable["prices"];

/** Prices that are not a published figure for the table's region: the report marks them †. */
export function isWeakPrice(price: Price): boolean {
  return price.basis === "unsourced" || price.basis === "other-region" || price.basis === "best-case";
}
