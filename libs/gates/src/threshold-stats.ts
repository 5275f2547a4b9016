import { dailySums, mean, PERIODS_PER_YEAR, sharpeRatio } from '@cryptosignal/metrics';
import type { GateTradeRecord } from './records.js';

/** Statistics of the trades one threshold selects. PnL figures are fractions of notional per trade. */
export interface ThresholdRow {
  readonly threshold: number;
  readonly n: number;
  /** Share of trades with outcome 'win' (plan 3.1), null when n = 0. */
  readonly win_rate: number | null;
  readonly mean_pnl: number | null;
  /** Plan 3.1's objective: mean(pnl) · √n (a t-statistic without the standard deviation). */
  readonly sharpe_proxy: number | null;
  /** Sharpe of the daily sums of pnl over the span (UTC days of close, idle days 0), annualised with √365. */
  readonly sharpe_annual: number | null;
}

/** A period in ms UTC over which daily series are laid out. */
export interface Span {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Returns the span from the first to the last close of `records`, or null for none. */
export function spanOf(records: readonly GateTradeRecord[]): Span | null {
  if (records.length === 0) return null;
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    fromMs = Math.min(fromMs, r.closeMs);
    toMs = Math.max(toMs, r.closeMs);
  }
  return { fromMs, toMs };
}

/**
 * Returns the row of `threshold` for the selected `trades`: n, win rate (outcome 'win'), mean PnL, the Sharpe
 * proxy mean·√n and the annualised Sharpe of daily PnL sums over `span` (the same span for every threshold
 * of a sweep, so idle days weigh the same). Sharpe is scale-free, so summing per-trade fractions instead of
 * sizing them on equity leaves it unchanged as long as every trade has the same notional.
 */
export function thresholdRow(
  threshold: number,
  trades: readonly GateTradeRecord[],
  span: Span | null,
): ThresholdRow {
  const pnls = trades.map((t) => t.pnlPct);
  const m = mean(pnls);
  const n = trades.length;
  const daily = span === null ? [] : dailySums(trades, (t) => t.pnlPct, span.fromMs, span.toMs);
  return {
    threshold,
    n,
    win_rate: n === 0 ? null : trades.filter((t) => t.outcome === 'win').length / n,
    mean_pnl: m,
    sharpe_proxy: m === null ? null : m * Math.sqrt(n),
    sharpe_annual: sharpeRatio(daily, { periodsPerYear: PERIODS_PER_YEAR['1d'] }),
  };
}
