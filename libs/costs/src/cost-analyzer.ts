import { mean, median, percentile } from '@cryptosignal/metrics';
import type { ExecutionCostRecord } from './records.js';

/** Fleet-wide summary of execution costs, bps. `mean_error_bps` = mean(actual − expected): > 0 under-estimates. */
export interface ExecutionCostSummary {
  readonly count: number;
  readonly avg_expected_cost_bps: number | null;
  readonly avg_actual_cost_bps: number | null;
  readonly mean_error_bps: number | null;
  readonly mean_abs_error_bps: number | null;
  readonly avg_spread_bps: number | null;
  readonly avg_slippage_bps: number | null;
  readonly avg_fee_bps: number | null;
}

/** Realised cost distribution of one symbol, bps (median and p95 by numpy-linear percentiles). */
export interface SymbolCostStats {
  readonly count: number;
  readonly mean_bps: number;
  readonly median_bps: number;
  readonly p95_bps: number;
  readonly mean_error_bps: number;
  readonly mean_abs_error_bps: number;
}

/** Result of {@link analyzeExecutionCosts}: report.json's `costs` summary and `by_symbol` map. */
export interface ExecutionCostAnalysis {
  readonly summary: ExecutionCostSummary;
  readonly by_symbol: Readonly<Record<string, SymbolCostStats>>;
}

function errors(records: readonly ExecutionCostRecord[]): { signed: number[]; abs: number[] } {
  const signed = records.map((r) => r.actualCostBps - r.expectedCostBps);
  return { signed, abs: signed.map(Math.abs) };
}

function symbolStats(records: readonly ExecutionCostRecord[]): SymbolCostStats {
  const costs = records.map((r) => r.actualCostBps);
  const e = errors(records);
  return {
    count: records.length,
    mean_bps: mean(costs)!,
    median_bps: median(costs)!,
    p95_bps: percentile(costs, 95)!,
    mean_error_bps: mean(e.signed)!,
    mean_abs_error_bps: mean(e.abs)!,
  };
}

/**
 * Returns the execution-cost analysis of plan 4.1 over execution records: the mean expected and actual cost,
 * the estimate's mean error and mean absolute error (actual − expected, bps), the mean spread, slippage and
 * fee, and per symbol the count, mean, median and p95 of the actual cost. Averages are null with no record.
 * Symbols appear in ascending order. Thrown when a value is not finite.
 */
export function analyzeExecutionCosts(records: readonly ExecutionCostRecord[]): ExecutionCostAnalysis {
  const e = errors(records);
  const summary: ExecutionCostSummary = {
    count: records.length,
    avg_expected_cost_bps: mean(records.map((r) => r.expectedCostBps)),
    avg_actual_cost_bps: mean(records.map((r) => r.actualCostBps)),
    mean_error_bps: mean(e.signed),
    mean_abs_error_bps: mean(e.abs),
    avg_spread_bps: mean(records.map((r) => r.spreadBps)),
    avg_slippage_bps: mean(records.map((r) => r.slippageBps)),
    avg_fee_bps: mean(records.map((r) => r.feeBps)),
  };
  const groups = new Map<string, ExecutionCostRecord[]>();
  for (const r of records) {
    const g = groups.get(r.symbol);
    if (g) g.push(r);
    else groups.set(r.symbol, [r]);
  }
  const bySymbol: Record<string, SymbolCostStats> = {};
  for (const symbol of [...groups.keys()].sort()) bySymbol[symbol] = symbolStats(groups.get(symbol)!);
  return { summary, by_symbol: bySymbol };
}
