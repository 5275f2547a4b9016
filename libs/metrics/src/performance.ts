import { annualReturn, calmarRatio } from './annual-return.js';
import { type BootstrapOptions, bootstrapCi } from './bootstrap.js';
import { type ClosedTrade, dailyReturnsOnEquity } from './daily-returns.js';
import { equityFromPnl, maxDrawdown } from './drawdown.js';
import { PERIODS_PER_YEAR, sharpeRatio, sortinoRatio } from './sharpe.js';
import { exposure, finiteOrNull, grossPnl, profitFactor, winRate } from './trade-stats.js';

/** Inputs of a performance summary: trades, the starting equity and the covered period (ms UTC). */
export interface PerformanceInput {
  readonly trades: readonly ClosedTrade[];
  readonly initialEquityUsdt: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly bootstrap?: BootstrapOptions;
}

/** A confidence interval as written to report.json. */
export interface JsonInterval {
  readonly lo: number;
  readonly hi: number;
  readonly confidence: number;
}

/**
 * The `performance` block of report.json. Fractions are fractions (0.12 = 12 %), money in USDT, every value
 * finite or `null` (never NaN/Infinity). Each field's definition is in docs/metrics.md.
 */
export interface PerformanceReport {
  readonly trades: number;
  readonly days: number;
  readonly total_return: number | null;
  readonly annual_return: number | null;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  readonly max_drawdown: number | null;
  readonly calmar: number | null;
  readonly win_rate: number | null;
  readonly profit_factor: number | null;
  readonly gross_profit_usdt: number;
  readonly gross_loss_usdt: number;
  readonly exposure: number | null;
  readonly sharpe_ci: JsonInterval | null;
  readonly win_rate_ci: JsonInterval | null;
  readonly periods_per_year: number;
}

function interval(ci: { lo: number; hi: number; confidence: number } | null): JsonInterval | null {
  return ci === null ? null : { lo: ci.lo, hi: ci.hi, confidence: ci.confidence };
}

function emptyReport(days: number): PerformanceReport {
  return {
    trades: 0,
    days,
    total_return: null,
    annual_return: null,
    sharpe: null,
    sortino: null,
    max_drawdown: null,
    calmar: null,
    win_rate: null,
    profit_factor: null,
    gross_profit_usdt: 0,
    gross_loss_usdt: 0,
    exposure: null,
    sharpe_ci: null,
    win_rate_ci: null,
    periods_per_year: PERIODS_PER_YEAR['1d'],
  };
}

/**
 * Returns the `performance` block of a report for the trades CLOSED within [fromMs, toMs] (others are
 * ignored): Sharpe/Sortino on daily returns on equity annualised with √365; CAGR and exposure over the
 * whole period; max drawdown on the realised equity curve (trades in close order) from a high-water mark
 * starting at the initial equity; Calmar = CAGR / max drawdown; win rate and profit factor over trades;
 * seeded percentile-bootstrap CIs of the Sharpe (resampling days) and the win rate (resampling trades).
 * With no trade every metric is `null` (nothing was measured; a 0 would read as a result).
 * Thrown when initialEquityUsdt ≤ 0, toMs < fromMs or a PnL is not finite.
 */
export function summarisePerformance(input: PerformanceInput): PerformanceReport {
  const { initialEquityUsdt, fromMs, toMs } = input;
  const trades = input.trades
    .filter((t) => t.closeMs >= fromMs && t.closeMs <= toMs)
    .sort((a, b) => a.closeMs - b.closeMs);
  const daily = dailyReturnsOnEquity(trades, initialEquityUsdt, fromMs, toMs);
  if (trades.length === 0) return emptyReport(daily.length);
  const pnls = trades.map((t) => t.pnlUsdt);
  const equity = equityFromPnl(initialEquityUsdt, pnls);
  const endEquity = equity[equity.length - 1]!;
  const ratio = { periodsPerYear: PERIODS_PER_YEAR['1d'] };
  const cagr = annualReturn(initialEquityUsdt, endEquity, fromMs, toMs);
  const dd = maxDrawdown(initialEquityUsdt, equity).maxDrawdown;
  const gross = grossPnl(pnls);
  return {
    trades: trades.length,
    days: daily.length,
    total_return: endEquity / initialEquityUsdt - 1,
    annual_return: cagr,
    sharpe: sharpeRatio(daily, ratio),
    sortino: sortinoRatio(daily, ratio),
    max_drawdown: dd,
    calmar: calmarRatio(cagr, dd),
    win_rate: winRate(pnls),
    profit_factor: finiteOrNull(profitFactor(pnls)),
    gross_profit_usdt: gross.grossProfit,
    gross_loss_usdt: gross.grossLoss,
    exposure: exposure(trades, fromMs, toMs),
    sharpe_ci: interval(bootstrapCi(daily, (s) => sharpeRatio(s, ratio), input.bootstrap)),
    win_rate_ci: interval(bootstrapCi(pnls, winRate, input.bootstrap)),
    periods_per_year: ratio.periodsPerYear,
  };
}
