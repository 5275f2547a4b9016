import {
  buildMeta,
  type CostModelPublished,
  deterministicEventId,
  FundingSource,
  TOPICS,
} from '@cryptosignal/contracts';
import type { CostModel } from '../domain/cost-model.js';

/** Hours of the one funding interval each FundingEstimate covers. */
export const FUNDING_INTERVAL_HOURS = 8;

/**
 * Returns the `config.costs` event of `model` for `scope` (event id from scope and version; event time the
 * model's as-of time). `costs` carries every symbol's median and p95 cost of ONE fill in bps (the fallback with
 * samples 0 below the minimum sample); `funding` carries, per symbol, one estimate for the holding bucket
 * [0, 8) h = one funding interval: the median and p95 funding in bps a LONG pays per interval (a short receives
 * it), so the funding over a planned hold of h hours is sideSign × median × h / 8; source HISTORY or ASSUMED.
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
    funding: Object.entries(model.funding).map(([symbol, f]) => ({
      symbol,
      minHoldHours: 0,
      maxHoldHours: FUNDING_INTERVAL_HOURS,
      medianFundingBps: f.medianRateBps,
      p95FundingBps: f.p95RateBps,
      samples: f.samples,
      source:
        f.source === 'history' ? FundingSource.FUNDING_SOURCE_HISTORY : FundingSource.FUNDING_SOURCE_ASSUMED,
    })),
  };
}
