import { DAY_MS } from '@cryptosignal/domain';
import { DAYS_PER_YEAR } from './sharpe.js';

/**
 * Returns the compound annual growth rate over the covered period [fromMs, toMs]:
 * CAGR = (E_end / E_start)^(365 days / (toMs − fromMs)) − 1, a fraction (0.12 = 12 % a year). The period is
 * the backtest window, not the span between the first and last trade. A final equity ≤ 0 returns −1.
 * Over periods much shorter than a year the figure extrapolates wildly; read it with the period length.
 * Returns `null` when toMs ≤ fromMs. Thrown when startEquity ≤ 0 or an equity is not finite.
 */
export function annualReturn(
  startEquity: number,
  endEquity: number,
  fromMs: number,
  toMs: number,
): number | null {
  if (!(startEquity > 0 && Number.isFinite(startEquity)))
    throw new RangeError(`startEquity must be a finite number > 0, got ${startEquity}`);
  if (!Number.isFinite(endEquity)) throw new RangeError(`endEquity must be finite, got ${endEquity}`);
  if (!(toMs > fromMs)) return null;
  if (endEquity <= 0) return -1;
  const years = (toMs - fromMs) / (DAYS_PER_YEAR * DAY_MS);
  return (endEquity / startEquity) ** (1 / years) - 1;
}

/**
 * Returns the Calmar ratio over the covered period: CAGR / max drawdown (Young 1991; the original uses a
 * trailing 36 months, here the whole backtest window). Returns `null` when either input is null or the max
 * drawdown is 0 (no drawdown: the ratio is unbounded).
 */
export function calmarRatio(cagr: number | null, maxDrawdownFraction: number | null): number | null {
  if (cagr === null || maxDrawdownFraction === null || maxDrawdownFraction === 0) return null;
  return cagr / maxDrawdownFraction;
}
