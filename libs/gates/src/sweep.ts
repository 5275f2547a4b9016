import type { GateSweepSpec } from './gate-specs.js';
import { type GateName, type GateTradeRecord, onlyDecidedBy } from './records.js';
import { spanOf, type ThresholdRow, thresholdRow } from './threshold-stats.js';

/** The optimal row's figures and its gain in Sharpe proxy over the current threshold (null if not evaluated). */
export interface SweepImprovement {
  readonly win_rate: number | null;
  readonly mean_pnl: number | null;
  readonly n: number;
  readonly sharpe_proxy: number | null;
  readonly sharpe_annual: number | null;
  readonly delta_sharpe_proxy: number | null;
}

/**
 * Result of a threshold sweep, shaped as plan 3.1's: `current_threshold`, `optimal_threshold` (null when no
 * threshold qualified), `improvement` (the optimal row, null likewise) and `all_results` (every evaluated
 * threshold); plus the thresholds skipped for too few trades and how many trades the gate decides.
 */
export interface GateSweepResult {
  readonly gate: GateName;
  readonly population: 'passing' | 'rejected';
  readonly objective: 'max' | 'min';
  readonly current_threshold: number;
  readonly optimal_threshold: number | null;
  readonly improvement: SweepImprovement | null;
  readonly all_results: readonly ThresholdRow[];
  readonly skipped: readonly { readonly threshold: number; readonly n: number }[];
  readonly eligible: number;
}

/**
 * Returns the records whose outcome `spec`'s threshold decides: not rejected by any OTHER gate (they would be
 * blocked whatever this threshold is) and with the gate's input available (`spec.applies`).
 */
export function eligibleRecords(spec: GateSweepSpec, records: readonly GateTradeRecord[]): GateTradeRecord[] {
  return records.filter((r) => onlyDecidedBy(r, spec.gate) && spec.applies(r));
}

/** Returns the eligible records a row of `threshold` describes: those that pass, or those rejected. */
export function selectAt(
  spec: GateSweepSpec,
  eligible: readonly GateTradeRecord[],
  threshold: number,
): GateTradeRecord[] {
  const wantPass = spec.population === 'passing';
  return eligible.filter((r) => spec.passes(r, threshold) === wantPass);
}

function pickBest(spec: GateSweepSpec, rows: readonly ThresholdRow[]): ThresholdRow | null {
  // A rejecting gate should only reject a group that loses money.
  const candidates = spec.population === 'rejected' ? rows.filter((r) => (r.mean_pnl ?? 0) < 0) : rows;
  const sign = spec.objective === 'max' ? 1 : -1;
  let best: ThresholdRow | null = null;
  for (const row of candidates) {
    if (best === null) {
      best = row;
      continue;
    }
    const diff = sign * (row.sharpe_proxy! - best.sharpe_proxy!);
    const closer =
      Math.abs(row.threshold - spec.currentThreshold) < Math.abs(best.threshold - spec.currentThreshold);
    // Ties go to the threshold nearest the current one: no change without a gain.
    if (diff > 0 || (diff === 0 && closer)) best = row;
  }
  return best;
}

/**
 * Sweeps `spec.thresholds` over `records` (plan 3.1): for each threshold the selected trades (see selectAt)
 * are counted; a threshold with fewer than `spec.minTrades` is skipped; the others get a row (n, win rate,
 * mean PnL, Sharpe proxy mean·√n, annualised Sharpe over the eligible records' span) and the best row by the
 * Sharpe proxy (max, or min for a rejecting gate) is the optimum. Pure and deterministic.
 */
export function sweepGate(spec: GateSweepSpec, records: readonly GateTradeRecord[]): GateSweepResult {
  const eligible = eligibleRecords(spec, records);
  const span = spanOf(eligible);
  const rows: ThresholdRow[] = [];
  const skipped: { threshold: number; n: number }[] = [];
  for (const t of spec.thresholds) {
    const selected = selectAt(spec, eligible, t);
    if (selected.length < spec.minTrades) skipped.push({ threshold: t, n: selected.length });
    else rows.push(thresholdRow(t, selected, span));
  }
  const best = pickBest(spec, rows);
  const current = rows.find((r) => r.threshold === spec.currentThreshold);
  return {
    gate: spec.gate,
    population: spec.population,
    objective: spec.objective,
    current_threshold: spec.currentThreshold,
    optimal_threshold: best?.threshold ?? null,
    improvement:
      best === null
        ? null
        : {
            win_rate: best.win_rate,
            mean_pnl: best.mean_pnl,
            n: best.n,
            sharpe_proxy: best.sharpe_proxy,
            sharpe_annual: best.sharpe_annual,
            delta_sharpe_proxy: current ? best.sharpe_proxy! - current.sharpe_proxy! : null,
          },
    all_results: rows,
    skipped,
    eligible: eligible.length,
  };
}
