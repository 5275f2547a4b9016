import { periodSharpe } from '@cryptosignal/metrics';
import { type DeflatedSharpe, deflatedSharpeRatio } from './deflated-sharpe.js';
import type { GateSweepSpec } from './gate-specs.js';
import type { GateTradeRecord } from './records.js';
import { eligibleRecords, type GateSweepResult, selectAt } from './sweep.js';

/**
 * Returns the deflated Sharpe ratio of a sweep's winner: the returns are the per-trade PnL of the trades the
 * optimal threshold selects, the trials every evaluated threshold (`all_results`, thresholds skipped for too
 * few trades were never candidates) with their per-trade Sharpe. Nested threshold sets are correlated, so N
 * overstates the independent trials and the deflation is conservative.
 * Returns `null` when there is no optimum, the sweep minimises (a rejecting gate: the winner is a losing
 * group, not a strategy), or the Sharpe of the winner is undefined.
 */
export function deflatedSharpeOfSweep(
  spec: GateSweepSpec,
  records: readonly GateTradeRecord[],
  result: GateSweepResult,
): DeflatedSharpe | null {
  if (result.optimal_threshold === null || spec.objective !== 'max') return null;
  const eligible = eligibleRecords(spec, records);
  const trialSharpes: number[] = [];
  for (const row of result.all_results) {
    const sr = periodSharpe(selectAt(spec, eligible, row.threshold).map((r) => r.pnlPct));
    if (sr !== null) trialSharpes.push(sr);
  }
  const winner = selectAt(spec, eligible, result.optimal_threshold).map((r) => r.pnlPct);
  return deflatedSharpeRatio(winner, trialSharpes, Math.max(1, trialSharpes.length));
}
