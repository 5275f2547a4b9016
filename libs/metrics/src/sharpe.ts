import { DAY_MS } from '@cryptosignal/domain';
import { assertFiniteValues, mean, sampleStd } from './descriptive.js';

/** Days in a year of a market that trades 24/7 (crypto): annualisation uses 365, not 252 trading days. */
export const DAYS_PER_YEAR = 365;

/** Periods per year of common bar sizes in a 24/7 market: 365 daily, 1,095 eight-hourly, 8,760 hourly bars. */
export const PERIODS_PER_YEAR = { '1d': 365, '8h': 1095, '1h': 8760, '1m': 525_600 } as const;

/**
 * Returns the number of bars of `barMs` milliseconds in a 365-day year (8,760 for 1 h bars).
 * Thrown when barMs is not a positive finite number.
 */
export function periodsPerYear(barMs: number): number {
  if (!(barMs > 0 && Number.isFinite(barMs))) throw new RangeError(`barMs must be > 0, got ${barMs}`);
  return (DAYS_PER_YEAR * DAY_MS) / barMs;
}

/** Options of a ratio: the periods per year of the returns and a per-period risk-free rate or target. */
export interface RatioOptions {
  /** Periods per year of the return series (365 for daily returns). */
  readonly periodsPerYear: number;
  /** Per-period risk-free return (Sharpe) or minimum acceptable return (Sortino), a fraction; default 0. */
  readonly riskFreePerPeriod?: number;
}

function excessReturns(returns: readonly number[], options: RatioOptions): number[] {
  if (!(options.periodsPerYear > 0))
    throw new RangeError(`periodsPerYear must be > 0, got ${options.periodsPerYear}`);
  assertFiniteValues(returns, 'returns');
  const rf = options.riskFreePerPeriod ?? 0;
  return returns.map((r) => r - rf);
}

/**
 * Returns the annualised Sharpe ratio of per-period simple returns (fractions):
 * SR = mean(r − rf) / std(r − rf) · √P, with the SAMPLE standard deviation (n−1 denominator, numpy
 * `ddof=1`, as in empyrical) and P the periods per year (365 for daily returns of a 24/7 market, Sharpe 1994
 * with the √P scaling of Lo 2002 for i.i.d. returns).
 * Returns `null` with fewer than 2 returns or a zero standard deviation (a constant series has no Sharpe).
 * Thrown when a return is not finite or periodsPerYear ≤ 0.
 */
export function sharpeRatio(returns: readonly number[], options: RatioOptions): number | null {
  const ex = excessReturns(returns, options);
  const sd = sampleStd(ex);
  if (sd === null || sd === 0) return null;
  return (mean(ex)! / sd) * Math.sqrt(options.periodsPerYear);
}

/**
 * Returns the per-period (not annualised) Sharpe ratio mean(r) / std(r) with the sample std (n−1), the
 * statistic the probabilistic and deflated Sharpe ratios take; `null` with n < 2 or zero std.
 */
export function periodSharpe(returns: readonly number[]): number | null {
  assertFiniteValues(returns, 'returns');
  const sd = sampleStd(returns);
  if (sd === null || sd === 0) return null;
  return mean(returns)! / sd;
}

/**
 * Returns the annualised Sortino ratio (Sortino & Price 1994): mean(r − T) / DD · √P, where T is the
 * per-period target (`riskFreePerPeriod`, default 0) and the downside deviation
 * DD = √( Σ min(0, r − T)² / n ) is taken over ALL n periods (population form, as empyrical's
 * `downside_risk`): periods above target count as zero deviation.
 * Returns `null` with fewer than 2 returns or when no period is below target (DD = 0; the ratio is unbounded).
 * Thrown when a return is not finite or periodsPerYear ≤ 0.
 */
export function sortinoRatio(returns: readonly number[], options: RatioOptions): number | null {
  const ex = excessReturns(returns, options);
  if (ex.length < 2) return null;
  let downside = 0;
  for (const r of ex) if (r < 0) downside += r * r;
  const dd = Math.sqrt(downside / ex.length);
  if (dd === 0) return null;
  return (mean(ex)! / dd) * Math.sqrt(options.periodsPerYear);
}
