import type { CostModelPublished, FundingEstimate, SymbolCost } from '@cryptosignal/contracts';
import { FundingSource } from '@cryptosignal/contracts';
import { ASSUMED_FUNDING_RATE_PER_8H, expectedFundingBps } from '@cryptosignal/costs';
import { type Side, sideSign } from '@cryptosignal/domain';
import { DEFAULT_COST_MODEL_SETTINGS } from '../settings.js';

/** A cost question of the pipeline: a symbol and side held for `holdHours`; p95 (conservative, default) or median. */
export interface CostQuestion {
  readonly symbol: string;
  readonly side: Side;
  readonly holdHours: number;
  readonly conservative?: boolean;
}

/**
 * The answer: `costBps` of ONE fill (a round trip is two fills), the expected funding over the hold (> 0 pays),
 * where each came from, and the model version (null before any model arrived).
 */
export interface ServedCostEstimate {
  readonly costBps: number;
  readonly costSource: 'symbol' | 'default';
  readonly samples: number;
  readonly fundingBps: number;
  readonly fundingSource: 'history' | 'assumed';
  readonly version: string | null;
}

/** The port the pipeline's Gate4 and EV read costs through. */
export interface CostModelLookup {
  /** Returns the current `config.costs` model, or null before the first one. */
  current(): CostModelPublished | null;
  /** Returns the estimate for `question`. Thrown (RangeError) when holdHours is negative or not finite. */
  estimate(question: CostQuestion): ServedCostEstimate;
}

/**
 * A CostModelLookup over the newest model offered (by event time), so a model replayed out of order never
 * rolls the costs back. Before any model, or for a symbol without funding buckets: `defaultCostBps` per fill
 * (6, plan 4.2) and the assumed rate over the hold (libs/costs `expectedFundingBps`). Otherwise the funding is
 * the long-side median of the symbol's bucket holding `holdHours` (see `publishedFromModel`), scaled by
 * hold / 48 in the open-ended bucket, and negated for a short.
 */
export class LatestCostModel implements CostModelLookup {
  #model: CostModelPublished | null = null;

  constructor(
    private readonly defaultCostBps = DEFAULT_COST_MODEL_SETTINGS.fallbackBps,
    private readonly assumedRatePer8h = ASSUMED_FUNDING_RATE_PER_8H,
  ) {}

  /** Keeps `model` unless it is older than the held one; returns whether it did. */
  offer(model: CostModelPublished): boolean {
    const held = this.#model?.meta?.tsEventMs ?? Number.NEGATIVE_INFINITY;
    if ((model.meta?.tsEventMs ?? 0) < held) return false;
    this.#model = model;
    return true;
  }

  current(): CostModelPublished | null {
    return this.#model;
  }

  estimate(q: CostQuestion): ServedCostEstimate {
    const model = this.#model;
    const cost = model?.costs.find((c) => c.symbol === q.symbol);
    const assumed = expectedFundingBps(q.side, q.holdHours, [], this.assumedRatePer8h).fundingBps;
    const bucket = model?.funding.find(
      (f) =>
        f.symbol === q.symbol &&
        q.holdHours >= f.minHoldHours &&
        (f.maxHoldHours === undefined || q.holdHours < f.maxHoldHours),
    );
    return {
      costBps: cost
        ? this.pick(cost, q.conservative ?? true)
        : (model?.defaultCostBps ?? this.defaultCostBps),
      costSource: cost && cost.samples > 0 ? 'symbol' : 'default',
      samples: cost?.samples ?? 0,
      fundingBps: bucket === undefined ? assumed : sideSign(q.side) * longFundingBps(bucket, q.holdHours),
      fundingSource: bucket?.source === FundingSource.FUNDING_SOURCE_HISTORY ? 'history' : 'assumed',
      version: model?.version ?? null,
    };
  }

  private pick(cost: SymbolCost, conservative: boolean): number {
    return conservative ? cost.p95CostBps : cost.medianCostBps;
  }
}

/** The long-side funding of `bucket` for `holdHours`: its value, scaled by hold / lower bound in the open-ended bucket. */
function longFundingBps(bucket: FundingEstimate, holdHours: number): number {
  if (bucket.maxHoldHours !== undefined || bucket.minHoldHours === 0) return bucket.medianFundingBps;
  return (bucket.medianFundingBps * holdHours) / bucket.minHoldHours;
}
