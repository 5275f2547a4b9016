import { buildCalibrationReport } from '@cryptosignal/calibrator';
import { buildCostsReport } from '@cryptosignal/cost-model';
import { buildGatesReport } from '@cryptosignal/gate-optimizer';
import { equityFromPnl, summarisePerformance } from '@cryptosignal/metrics';
import { type ClosedTradeRecord, type TradeRecordReader, TradeRecords } from '@cryptosignal/records';
import type { SqlClient } from '@cryptosignal/store';
import type { BacktestReport, ReportSeries, RunInfo } from './report-types.js';
import type { TradeCsvRow } from './trades-csv.js';

const DAY_MS = 86_400_000;

/** What a report is built for: which strategy versions to compare, over which period, from what equity. */
export interface ReportScope {
  readonly run: RunInfo;
  readonly fromMs: number;
  readonly toMs: number;
  /** Strategy version of the strategy under test (e.g. `7.2.0`) and of the v7.2-fixed baseline. */
  readonly strategyVersion: string;
  readonly baselineVersion: string;
  readonly initialEquityUsdt: number;
  readonly coverage: unknown;
  readonly models?: Record<string, unknown>;
}

function toClosed(trades: readonly ClosedTradeRecord[]) {
  return trades.map((t) => ({
    openMs: t.result.enteredAtMs,
    closeMs: t.result.closedAtMs,
    pnlUsdt: t.result.pnlUsdt,
  }));
}

/**
 * Returns the performance block of `trades` (closed, published) over [fromMs, toMs) from `initialEquityUsdt`:
 * Sharpe, annual return, max drawdown, win rate, profit factor, … as `summarisePerformance` computes them.
 * `summarisePerformance` takes a closed period [fromMs, toMs], so the last instant passed is toMs − 1 ms: a
 * period ending at midnight counts no day after it (a 7-day run has 7 daily returns, not 8).
 */
export function performanceOf(
  trades: readonly ClosedTradeRecord[],
  scope: Pick<ReportScope, 'fromMs' | 'toMs' | 'initialEquityUsdt'>,
): Record<string, unknown> {
  return summarisePerformance({
    trades: toClosed(trades),
    initialEquityUsdt: scope.initialEquityUsdt,
    fromMs: scope.fromMs,
    toMs: scope.toMs - 1,
  }) as unknown as Record<string, unknown>;
}

function equitySeries(
  trades: readonly ClosedTradeRecord[],
  initial: number,
  fromMs: number,
): [number, number][] {
  const sorted = [...trades].sort((a, b) => a.result.closedAtMs - b.result.closedAtMs);
  const equity = equityFromPnl(
    initial,
    sorted.map((t) => t.result.pnlUsdt),
  );
  return [[fromMs, initial], ...sorted.map((t, i): [number, number] => [t.result.closedAtMs, equity[i]!])];
}

function drawdownSeries(equity: readonly [number, number][]): [number, number][] {
  let peak = Number.NEGATIVE_INFINITY;
  return equity.map(([t, e]) => {
    peak = Math.max(peak, e);
    return [t, peak > 0 ? (peak - e) / peak : 0];
  });
}

async function signalsPerDay(
  records: TradeRecordReader,
  version: string,
): Promise<[number, number, number][]> {
  const days = new Map<number, [number, number]>();
  for (const { signal: s } of await records.trades({ strategyVersion: version })) {
    const day = Math.floor(s.signalTimeMs / DAY_MS) * DAY_MS;
    const counts = days.get(day) ?? [0, 0];
    counts[s.shadow ? 1 : 0] += 1;
    days.set(day, counts);
  }
  return [...days.entries()].sort((a, b) => a[0] - b[0]).map(([d, [p, r]]) => [d, p, r]);
}

/** Returns one trades.csv row per closed trade (published and shadow) of every strategy version. */
export function tradeRows(trades: readonly ClosedTradeRecord[]): TradeCsvRow[] {
  return trades.map(({ signal: s, execution: e, result: r }) => ({
    signal_id: s.signalId,
    symbol: s.symbol,
    side: s.side,
    strategy: `${s.strategy}@${s.strategyVersion}`,
    variant: s.variant ?? '',
    signal_time: new Date(s.signalTimeMs).toISOString(),
    confidence: s.confidence,
    p_calibrated: s.pCalibrated,
    ev_net: s.evNet,
    tp: s.tpFraction,
    sl: s.slFraction,
    expected_cost_bps: s.expectedCostBps,
    actual_cost_bps: e?.actualCostBps ?? Number.NaN,
    outcome: r.outcome,
    exit_reason: r.exitReason,
    hold_hours: r.holdHours,
    pnl_pct: r.pnlPct,
    pnl_usdt: r.pnlUsdt,
    funding_cost_bps: r.fundingCostBps,
    funding_source: r.fundingSource,
    total_cost_bps: r.totalCostBps,
    shadow: r.shadow,
    gate_reason: r.gateReason ?? '',
  }));
}

/**
 * Builds report.json from the recorder's, calibrator's, cost model's and gate optimizer's tables in `store`
 * — the same function whether the run was embedded (PGlite) or distributed (`cryptosignal report --db`).
 * `records` reads the recorder's tables: by default TradeRecords over `store`, caching what it read (the report
 * reads the same records several times); an embedded run passes its RecordMirror, which holds them already.
 * Returns the report and the trades.csv rows. Thrown: the store's error when a query fails.
 */
export async function buildReport(
  store: SqlClient,
  scope: ReportScope,
  records: TradeRecordReader = new TradeRecords(store, { cacheRecords: true }),
): Promise<{ report: BacktestReport; trades: TradeCsvRow[] }> {
  const strategy = await records.closedTrades({ strategyVersion: scope.strategyVersion, shadow: false });
  const baseline = await records.closedTrades({ strategyVersion: scope.baselineVersion, shadow: false });
  const counts = await records.counts({ strategyVersion: scope.strategyVersion });
  const shadow = await records.closedTrades({ strategyVersion: scope.strategyVersion, shadow: true });
  const published = (await records.trades({ strategyVersion: scope.strategyVersion, shadow: false })).length;
  const perf = (trades: readonly ClosedTradeRecord[]) => performanceOf(trades, scope);
  const costs = await buildCostsReport(store, { records });
  const calibration = await buildCalibrationReport(store, { records });
  const gates = await buildGatesReport(store, { records });
  const equity = equitySeries(strategy, scope.initialEquityUsdt, scope.fromMs);
  const series: ReportSeries = {
    equity,
    drawdown: drawdownSeries(equity),
    baseline_equity: equitySeries(baseline, scope.initialEquityUsdt, scope.fromMs),
    signals_per_day: await signalsPerDay(records, scope.strategyVersion),
    brier: (calibration.checks ?? []).flatMap((c) =>
      typeof c.brier === 'number' ? [[c.as_of_ms, c.brier] as [number, number]] : [],
    ),
    funding_by_hold: Object.entries(costs.funding_by_hold_bucket).map(([bucket, s]) => ({
      bucket,
      mean_bps: s.avg_funding_bps,
      count: s.count,
    })),
  };
  const all = await records.closedTrades({});
  const report: BacktestReport = {
    generated_at: new Date().toISOString(),
    run: scope.run,
    coverage: scope.coverage,
    signals: published,
    rejected: counts.signals - published,
    executions: counts.executions,
    trades: strategy.length,
    shadow_trades: shadow.length,
    performance: perf(strategy),
    baseline: { strategy_version: scope.baselineVersion, ...perf(baseline) },
    calibration: calibration as unknown as BacktestReport['calibration'],
    costs: costs as unknown as BacktestReport['costs'],
    gates: gates as unknown as Record<string, unknown>,
    ...(scope.models ? { models: scope.models } : {}),
    series,
  };
  return { report, trades: tradeRows(all) };
}
