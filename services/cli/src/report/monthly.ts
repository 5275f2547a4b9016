import { type ClosedTrade, summarisePerformance } from '@cryptosignal/metrics';

/** One calendar month (UTC) of the monthly performance report (the plan's daily_performance roll-up). */
export interface MonthlyPerformanceRow {
  /** `YYYY-MM`, UTC. */
  readonly month: string;
  readonly trades: number;
  /** Fraction of trades with PnL > 0; `null` without trades. */
  readonly win_rate: number | null;
  /** Sum of realised PnL of the trades closed in the month, USDT. */
  readonly pnl_usdt: number;
  /** Sharpe of the month's daily returns on equity, annualised with √365; `null` when not measurable. */
  readonly sharpe: number | null;
  /** Max drawdown within the month from a high-water mark starting at the month's opening equity, fraction. */
  readonly max_drawdown: number | null;
  /** Equity at the start of the month (initial equity plus all earlier PnL), USDT. */
  readonly opening_equity_usdt: number;
}

function monthStartMs(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextMonthMs(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * Returns one row per calendar month (UTC) overlapping [fromMs, toMs), each summarised with
 * @cryptosignal/metrics' summarisePerformance over the trades CLOSED in that month, starting from the equity
 * the earlier months left (so the months chain into the whole-period equity curve).
 * Thrown when initialEquityUsdt ≤ 0, toMs ≤ fromMs or a PnL is not finite (by summarisePerformance).
 */
export function monthlyPerformance(
  trades: readonly ClosedTrade[],
  initialEquityUsdt: number,
  fromMs: number,
  toMs: number,
): MonthlyPerformanceRow[] {
  if (!(toMs > fromMs)) throw new RangeError(`empty period [${fromMs}, ${toMs})`);
  const rows: MonthlyPerformanceRow[] = [];
  let equity = initialEquityUsdt;
  for (let start = monthStartMs(fromMs); start < toMs; start = nextMonthMs(start)) {
    const lo = Math.max(start, fromMs);
    const hi = Math.min(nextMonthMs(start), toMs);
    const inMonth = trades.filter((t) => t.closeMs >= lo && t.closeMs < hi);
    const perf = summarisePerformance({
      trades: inMonth,
      initialEquityUsdt: equity,
      fromMs: lo,
      toMs: hi - 1,
    });
    const pnl = inMonth.reduce((sum, t) => sum + t.pnlUsdt, 0);
    rows.push({
      month: new Date(start).toISOString().slice(0, 7),
      trades: inMonth.length,
      win_rate: perf.win_rate,
      pnl_usdt: pnl,
      sharpe: perf.sharpe,
      max_drawdown: perf.max_drawdown,
      opening_equity_usdt: equity,
    });
    equity += pnl;
  }
  return rows;
}

function cell(value: number | null, kind: 'pct' | 'num' | 'usdt'): string {
  if (value === null) return '–';
  if (kind === 'pct') return `${(value * 100).toFixed(2)}%`;
  return value.toFixed(kind === 'usdt' ? 2 : 3);
}

/** Returns the monthly rows as an aligned text table (month, trades, win rate, PnL USDT, Sharpe, max DD). */
export function formatMonthlyTable(rows: readonly MonthlyPerformanceRow[]): string {
  const header = ['month', 'trades', 'win rate', 'PnL USDT', 'Sharpe', 'max DD'];
  const body = rows.map((r) => [
    r.month,
    String(r.trades),
    cell(r.win_rate, 'pct'),
    cell(r.pnl_usdt, 'usdt'),
    cell(r.sharpe, 'num'),
    cell(r.max_drawdown, 'pct'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}
