import { expectedFundingBps } from '@cryptosignal/costs';
import { type Side, sideSign } from '@cryptosignal/domain';

/** One symbol's execution-cost estimate from the cost model, bps of notional per fill. */
export interface SymbolCostEstimate {
  readonly medianBps: number;
  readonly p95Bps: number;
  readonly samples: number;
}

/**
 * Expected funding of a LONG for holds in [minHoldHours, maxHoldHours), bps (> 0 pays; a short receives it). The
 * open-ended bucket (max undefined) holds the value at minHoldHours, scaled by hold / minHoldHours beyond it.
 */
export interface FundingBucket {
  readonly minHoldHours: number;
  readonly maxHoldHours: number | undefined;
  readonly medianFundingBps: number;
}

/** One `config.costs` publication as the pipeline reads it. */
export interface CostModelUpdate {
  readonly scope: string;
  readonly version: string;
  readonly publishedAtMs: number;
  /** Cost assumed by the model for a symbol without its own estimate, bps per fill. */
  readonly defaultCostBps: number;
  readonly costs: ReadonlyMap<string, SymbolCostEstimate>;
  readonly funding: ReadonlyMap<string, readonly FundingBucket[]>;
}

/** Where an expected cost came from: the cost model's symbol estimate, its default, or the fixed fallback. */
export type CostSource = 'symbol' | 'model_default' | 'fallback';

/**
 * The expected cost of one planned trade, bps of notional: `entryBps` per fill (what the execution's actual cost
 * is compared with), `fundingBps` over the planned hold (> 0 pays), and the round trip the EV uses,
 * `roundTripBps = 2 × entryBps + fundingBps` (entry and exit fill at the same expected cost).
 */
export interface CostExpectation {
  readonly entryBps: number;
  readonly fundingBps: number;
  readonly roundTripBps: number;
  readonly source: CostSource;
  readonly fundingSource: 'model' | 'assumed';
  readonly version: string | undefined;
}

/** Returns a long's funding over `holdHours` from its bucket (open-ended: scaled by hold / minHoldHours). */
function longFundingBps(b: FundingBucket, holdHours: number): number {
  if (b.maxHoldHours !== undefined || b.minHoldHours <= 0) return b.medianFundingBps;
  return (b.medianFundingBps * holdHours) / b.minHoldHours;
}

/** How costs are expected without (or beyond) a cost model. */
export interface CostSettings {
  /** Entry cost until the cost model has data, bps per fill (plan 4.2: 6). */
  readonly fallbackEntryBps: number;
  /** Which statistic of a symbol's cost samples is the expectation: `median` (default) or `p95` (conservative). */
  readonly estimate: 'median' | 'p95';
  /** Funding rate assumed without a funding estimate, fraction per 8 h (default 0.0001, DESIGN.md). */
  readonly assumedFundingRatePer8h: number;
}

/** Defaults: 6 bps per fill (plan 4.2), the median as expectation, 0.01 % per 8 h assumed funding. */
export const DEFAULT_COST_SETTINGS: Readonly<CostSettings> = Object.freeze({
  fallbackEntryBps: 6,
  estimate: 'median',
  assumedFundingRatePer8h: 0.0001,
});

/**
 * Expected trading costs per symbol. With no cost model (or for the fixed baseline) every symbol costs
 * `fallbackEntryBps` per fill and funding is the assumed rate over the hold, paid by longs and received by shorts
 * (`expectedFundingBps` of @cryptosignal/costs). Once `config.costs` of the followed scope arrived, a symbol's
 * entry cost is its median (or p95) estimate when it has samples, else the model's default; funding is the long
 * side's median of the symbol's hold bucket (negated for a short) when it has one. The newest publication (by
 * event time) wins. Wire conventions: the cost-model service's `publishedFromModel`.
 */
export class CostBook {
  private model: CostModelUpdate | undefined;

  constructor(
    private readonly settings: CostSettings,
    readonly scope: string | undefined,
  ) {}

  /** Applies a cost model of this book's scope; returns false for another scope or an older publication. */
  apply(update: CostModelUpdate): boolean {
    if (this.scope === undefined || update.scope !== this.scope) return false;
    if (this.model && update.publishedAtMs < this.model.publishedAtMs) return false;
    this.model = update;
    return true;
  }

  /** Returns the expected cost of holding `side` on `symbol` for `holdHours`. Thrown (RangeError) when holdHours < 0. */
  expect(symbol: string, side: Side, holdHours: number): CostExpectation {
    const m = this.model;
    const found = m?.costs.get(symbol);
    const estimate = found !== undefined && found.samples > 0 ? found : undefined;
    const entryBps = estimate
      ? this.settings.estimate === 'p95'
        ? estimate.p95Bps
        : estimate.medianBps
      : (m?.defaultCostBps ?? this.settings.fallbackEntryBps);
    const bucket = m?.funding
      .get(symbol)
      ?.find(
        (b) => holdHours >= b.minHoldHours && (b.maxHoldHours === undefined || holdHours < b.maxHoldHours),
      );
    const fundingBps = bucket
      ? sideSign(side) * longFundingBps(bucket, holdHours)
      : expectedFundingBps(side, holdHours, [], this.settings.assumedFundingRatePer8h).fundingBps;
    return {
      entryBps,
      fundingBps,
      roundTripBps: 2 * entryBps + fundingBps,
      source: estimate ? 'symbol' : m ? 'model_default' : 'fallback',
      fundingSource: bucket ? 'model' : 'assumed',
      version: m?.version,
    };
  }
}
