import {
  buildMeta,
  type CostModelPublished,
  deterministicEventId,
  type FundingEstimate,
  FundingSource,
  TOPICS,
} from '@cryptosignal/contracts';
import type { CostModel, SymbolFunding } from '../domain/cost-model.js';

/** Funding is published for holds in [h, h + 1) h for h = 0 … FUNDING_BUCKET_HOURS − 1, then [FUNDING_BUCKET_HOURS, ∞). */
export const FUNDING_BUCKET_HOURS = 48;

/** Hours of one funding interval (Binance USD-M: 8). */
const INTERVAL_HOURS = 8;

function fundingBuckets(symbol: string, f: SymbolFunding): FundingEstimate[] {
  const source =
    f.source === 'history' ? FundingSource.FUNDING_SOURCE_HISTORY : FundingSource.FUNDING_SOURCE_ASSUMED;
  return Array.from({ length: FUNDING_BUCKET_HOURS + 1 }, (_, h) => ({
    symbol,
    minHoldHours: h,
    ...(h < FUNDING_BUCKET_HOURS ? { maxHoldHours: h + 1 } : {}),
    medianFundingBps: (f.medianRateBps * h) / INTERVAL_HOURS,
    p95FundingBps: (f.p95RateBps * h) / INTERVAL_HOURS,
    samples: f.samples,
    source,
  }));
}

/**
 * Returns the `config.costs` event of `model` for `scope` (event id from scope and version; event time the
 * model's as-of time). `costs` carries every symbol's median and p95 cost of ONE fill in bps (the fallback with
 * samples 0 below the minimum sample); `funding` carries, per symbol, the expected funding of a LONG (a short
 * receives it: negate) for holds in [h, h + 1) hours, h = 0 … 47, and [48, ∞): median (and p95) recent rate per
 * 8 h interval × h / 8 — the expected number of funding times a hold of h hours crosses (libs/costs
 * `expectedFundingEvents`), at the bucket's lower bound, exact for whole-hour holds; the open-ended bucket
 * holds the 48 h value (scale by hold / 48 beyond). Source HISTORY or ASSUMED.
 */
export function publishedFromModel(scope: string, model: CostModel, tsInitMs: number): CostModelPublished {
  const eventId = deterministicEventId(TOPICS.configCosts.name, `${scope}|${model.version}`);
  return {
    meta: buildMeta({ eventId, tsEventMs: model.asOfMs, tsInitMs }),
    scope,
    version: model.version,
    defaultCostBps: model.defaultCostBps,
    costs: Object.entries(model.costs).map(([symbol, c]) => ({
      symbol,
      medianCostBps: c.medianCostBps,
      p95CostBps: c.p95CostBps,
      ...(c.medianSpreadBps === null ? {} : { medianSpreadBps: c.medianSpreadBps }),
      ...(c.medianSlippageBps === null ? {} : { medianSlippageBps: c.medianSlippageBps }),
      samples: c.samples,
    })),
    funding: Object.entries(model.funding).flatMap(([symbol, f]) => fundingBuckets(symbol, f)),
  };
}
