import type { Side } from '@cryptosignal/domain';
import { median, percentile } from '@cryptosignal/metrics';
import { ASSUMED_FUNDING_RATE_PER_8H, expectedFundingBps } from './funding.js';
import type { CostSample, FundingRateSample } from './records.js';

/** Settings of {@link ExecutionCostEstimatorV2}; every field has the default shown. */
export interface EstimatorOptions {
  /** Number of most recent samples per symbol the median/p95 are taken over (200). */
  readonly windowSize?: number;
  /** Fewer samples than this in the window means the fallback is used (10, plan 4.2). */
  readonly minSamples?: number;
  /** Cost returned without enough samples, bps per fill (6, plan 4.2). */
  readonly fallbackBps?: number;
  /** Number of most recent funding events averaged for the expected funding (21 = 7 days). */
  readonly fundingWindow?: number;
  /** Funding rate per 8 h used when a symbol has no funding history (0.0001). */
  readonly assumedFundingRatePer8h?: number;
}

/** A request for a cost estimate. `asOfMs` (ms UTC) limits the data to what was known strictly before it. */
export interface CostEstimateRequest {
  readonly symbol: string;
  readonly side: Side;
  readonly holdHours: number;
  /** Use the p95 (true, default: plan 4.2's conservative estimate) or the median. */
  readonly conservative?: boolean;
  readonly asOfMs?: number;
}

/** Where an estimate's `costBps` came from. */
export type CostSource = 'symbol_median' | 'symbol_p95' | 'fallback';

/**
 * A cost estimate: `costBps` is the execution cost of ONE fill (the unit of the samples), `samples` how many
 * samples it was taken over (0 for the fallback), `fundingBps` the expected funding over the holding time
 * (> 0 pays), `fundingSource` whether that used history or the assumed rate.
 */
export interface CostEstimate {
  readonly costBps: number;
  readonly source: CostSource;
  readonly samples: number;
  readonly fundingBps: number;
  readonly fundingSource: 'history' | 'assumed';
}

function groupSorted<T>(
  items: readonly T[],
  symbolOf: (t: T) => string,
  timeOf: (t: T) => number,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const g = groups.get(symbolOf(it));
    if (g) g.push(it);
    else groups.set(symbolOf(it), [it]);
  }
  for (const g of groups.values()) g.sort((a, b) => timeOf(a) - timeOf(b));
  return groups;
}

/** Returns the items of an ascending series strictly before `asOfMs` (all when undefined), last `n` of them. */
function lastBefore<T>(
  sorted: readonly T[],
  timeOf: (t: T) => number,
  n: number,
  asOfMs?: number,
): readonly T[] {
  let end = sorted.length;
  if (asOfMs !== undefined) {
    let lo = 0;
    while (lo < end) {
      const mid = (lo + end) >>> 1;
      if (timeOf(sorted[mid]!) < asOfMs) lo = mid + 1;
      else end = mid;
    }
  }
  return sorted.slice(Math.max(0, end - n), end);
}

/**
 * Per-symbol execution cost estimator of plan 4.2, made point-in-time: for a symbol it takes the last
 * `windowSize` realised cost samples before `asOfMs` and returns their p95 (conservative) or median
 * (numpy-linear percentiles); with fewer than `minSamples` it returns the `fallbackBps`. It adds the expected
 * funding for the planned holding time from the symbol's last `fundingWindow` funding rates (see
 * `expectedFundingBps`). Immutable: build a new one when samples arrive.
 * Thrown (constructor) when an option is out of range or a sample is not finite.
 */
export class ExecutionCostEstimatorV2 {
  private readonly costs: Map<string, CostSample[]>;
  private readonly funding: Map<string, FundingRateSample[]>;
  private readonly opts: Required<EstimatorOptions>;

  constructor(
    costSamples: readonly CostSample[],
    fundingRates: readonly FundingRateSample[],
    options: EstimatorOptions = {},
  ) {
    this.opts = {
      windowSize: options.windowSize ?? 200,
      minSamples: options.minSamples ?? 10,
      fallbackBps: options.fallbackBps ?? 6,
      fundingWindow: options.fundingWindow ?? 21,
      assumedFundingRatePer8h: options.assumedFundingRatePer8h ?? ASSUMED_FUNDING_RATE_PER_8H,
    };
    const { windowSize, minSamples, fundingWindow } = this.opts;
    if (
      !(
        Number.isInteger(minSamples) &&
        minSamples >= 1 &&
        Number.isInteger(windowSize) &&
        windowSize >= minSamples
      )
    )
      throw new RangeError(`need integers 1 ≤ minSamples (${minSamples}) ≤ windowSize (${windowSize})`);
    if (!(Number.isInteger(fundingWindow) && fundingWindow >= 1))
      throw new RangeError(`fundingWindow must be a positive integer, got ${fundingWindow}`);
    for (const s of costSamples)
      if (!Number.isFinite(s.actualCostBps)) throw new RangeError(`cost sample of ${s.symbol} is not finite`);
    this.costs = groupSorted(
      costSamples,
      (s) => s.symbol,
      (s) => s.tsMs,
    );
    this.funding = groupSorted(
      fundingRates,
      (f) => f.symbol,
      (f) => f.fundingTime,
    );
  }

  /** Returns the estimate for `request` (see {@link CostEstimate}). Thrown when holdHours < 0. */
  estimate(request: CostEstimateRequest): CostEstimate {
    const window = lastBefore(
      this.costs.get(request.symbol) ?? [],
      (s) => s.tsMs,
      this.opts.windowSize,
      request.asOfMs,
    );
    const rates = lastBefore(
      this.funding.get(request.symbol) ?? [],
      (f) => f.fundingTime,
      this.opts.fundingWindow,
      request.asOfMs,
    );
    const funding = expectedFundingBps(
      request.side,
      request.holdHours,
      rates,
      this.opts.assumedFundingRatePer8h,
    );
    const base = { fundingBps: funding.fundingBps, fundingSource: funding.source };
    if (window.length < this.opts.minSamples)
      return { ...base, costBps: this.opts.fallbackBps, source: 'fallback', samples: 0 };
    const values = window.map((s) => s.actualCostBps);
    const conservative = request.conservative ?? true;
    return conservative
      ? { ...base, costBps: percentile(values, 95)!, source: 'symbol_p95', samples: values.length }
      : { ...base, costBps: median(values)!, source: 'symbol_median', samples: values.length };
  }
}
