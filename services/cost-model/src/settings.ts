import { ASSUMED_FUNDING_RATE_PER_8H } from '@cryptosignal/costs';
import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';

/** The scope of the cost model on `config.costs`: one model for every signal. */
export const COSTS_SCOPE = 'global';

/** What the cost model does and when; the same in embedded and distributed mode. */
export interface CostModelSettings {
  /** Rebuild period, ms (default one day); slots are aligned to the Unix epoch, UTC. */
  readonly periodMs: number;
  /** Offset of the slot within the period, ms (default 0). */
  readonly offsetMs: number;
  /** Build and publish a model once at start (default true). */
  readonly recomputeOnStart: boolean;
  /** Most recent fills per symbol the median and p95 are taken over (default 200). */
  readonly windowSize: number;
  /** Fewer fills than this means the fallback cost (default 10, plan 4.2). */
  readonly minSamples: number;
  /** Cost of one fill without enough samples, bps (default 6, plan 4.2). */
  readonly fallbackBps: number;
  /** Most recent funding events per symbol the expected funding uses (default 21: 7 days of 8 h intervals). */
  readonly fundingWindow: number;
  /** Rate per 8 h assumed for a symbol without funding history (default 0.0001 = 1 bps). */
  readonly assumedFundingRatePer8h: number;
  /** Window of the estimate-error gauge, ms (default 30 days of fills). */
  readonly errorWindowMs: number;
}

/** The defaults: daily, 200-fill window, 10 samples or 6 bps, 21 funding events, 1 bps assumed, 30-day error. */
export const DEFAULT_COST_MODEL_SETTINGS: CostModelSettings = Object.freeze({
  periodMs: DAY_MS,
  offsetMs: 0,
  recomputeOnStart: true,
  windowSize: 200,
  minSamples: 10,
  fallbackBps: 6,
  fundingWindow: 21,
  assumedFundingRatePer8h: ASSUMED_FUNDING_RATE_PER_8H,
  errorWindowMs: 30 * DAY_MS,
});

/**
 * Returns `DEFAULT_COST_MODEL_SETTINGS` overridden by `overrides`, checked.
 * Thrown (ConfigError) when the period is under an hour, the offset outside [0, period), the sample counts
 * are not integers with 1 ≤ minSamples ≤ windowSize, or a cost, rate or window is not finite and ≥ 0.
 */
export function costModelSettings(overrides: Partial<CostModelSettings> = {}): CostModelSettings {
  const s = { ...DEFAULT_COST_MODEL_SETTINGS, ...overrides };
  const problems: string[] = [];
  if (!(s.periodMs >= HOUR_MS)) problems.push('period must be at least 1 hour');
  if (!(s.offsetMs >= 0 && s.offsetMs < s.periodMs)) problems.push('offset must be in [0, period)');
  if (
    !(
      Number.isInteger(s.minSamples) &&
      s.minSamples >= 1 &&
      Number.isInteger(s.windowSize) &&
      s.windowSize >= s.minSamples
    )
  )
    problems.push('need integers 1 ≤ min samples ≤ window size');
  if (!(Number.isInteger(s.fundingWindow) && s.fundingWindow >= 1))
    problems.push('funding window must be ≥ 1');
  if (!(s.fallbackBps >= 0 && Number.isFinite(s.fallbackBps))) problems.push('fallback cost must be ≥ 0 bps');
  if (!Number.isFinite(s.assumedFundingRatePer8h)) problems.push('assumed funding rate must be finite');
  if (!(s.errorWindowMs > 0)) problems.push('error window must be > 0');
  if (problems.length > 0)
    throw new ConfigError(`invalid cost-model settings: ${problems.join('; ')}`, problems);
  return Object.freeze(s);
}
