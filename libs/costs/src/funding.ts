import { EIGHT_HOURS_MS, type Side, sideSign } from '@cryptosignal/domain';
import type { FundingRateSample } from './records.js';

/** Binance USD-M funding interval: events at 00:00, 08:00 and 16:00 UTC. */
export const FUNDING_INTERVAL_HOURS = 8;

/** Baseline rate assumed when no funding history exists: 0.01 % per 8 h (Binance's default interest rate). */
export const ASSUMED_FUNDING_RATE_PER_8H = 0.0001;

/**
 * Returns how many funding events of the 00/08/16 UTC schedule fall in (entryMs, exitMs]: a position open at
 * a funding timestamp pays it, one closed exactly at it pays it too, one opened exactly at it does not.
 * Thrown when exitMs < entryMs.
 */
export function fundingEventsCrossed(entryMs: number, exitMs: number): number {
  if (!(exitMs >= entryMs)) throw new RangeError(`exitMs (${exitMs}) must be ≥ entryMs (${entryMs})`);
  return Math.floor(exitMs / EIGHT_HOURS_MS) - Math.floor(entryMs / EIGHT_HOURS_MS);
}

/**
 * Returns the EXPECTED number of funding events crossed by a position held `holdHours` when its entry time is
 * not known in advance: holdHours / 8. For an entry time uniform over the 8 h cycle the exact count is
 * ⌊h/8⌋ or ⌈h/8⌉ and its expectation is exactly h/8, so the estimate is unbiased. Thrown when holdHours < 0.
 */
export function expectedFundingEvents(holdHours: number): number {
  if (!(holdHours >= 0 && Number.isFinite(holdHours)))
    throw new RangeError(`holdHours must be a finite number ≥ 0, got ${holdHours}`);
  return holdHours / FUNDING_INTERVAL_HOURS;
}

/** Expected funding of a planned position; `fundingBps` > 0 means the position pays. */
export interface ExpectedFunding {
  readonly fundingBps: number;
  readonly meanRate: number;
  readonly events: number;
  /** 'history' when recent rates of the symbol were used, 'assumed' when the configured rate was. */
  readonly source: 'history' | 'assumed';
}

/**
 * Returns the expected funding cost in bps of notional for holding `side` for `holdHours`:
 * fundingBps = sideSign × mean(rate) × 10,000 × holdHours / 8, with sideSign +1 for a long (pays a positive
 * rate) and −1 for a short (receives it). `recentRates` are the symbol's latest funding rates (the caller
 * picks the window); when there are none the `assumedRatePer8h` is used and the source says 'assumed'.
 * Thrown when holdHours < 0 or a rate is not finite.
 */
export function expectedFundingBps(
  side: Side,
  holdHours: number,
  recentRates: readonly Pick<FundingRateSample, 'rate'>[],
  assumedRatePer8h: number = ASSUMED_FUNDING_RATE_PER_8H,
): ExpectedFunding {
  const events = expectedFundingEvents(holdHours);
  let meanRate = assumedRatePer8h;
  if (recentRates.length > 0) {
    let total = 0;
    for (const r of recentRates) {
      if (!Number.isFinite(r.rate)) throw new RangeError(`funding rate must be finite, got ${r.rate}`);
      total += r.rate;
    }
    meanRate = total / recentRates.length;
  }
  return {
    fundingBps: sideSign(side) * meanRate * 10_000 * events,
    meanRate,
    events,
    source: recentRates.length > 0 ? 'history' : 'assumed',
  };
}
