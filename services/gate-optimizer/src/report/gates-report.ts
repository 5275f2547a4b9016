import type {
  DeflatedSharpe,
  EvCalibration,
  GateName,
  GateSweepResult,
  WalkForwardResult,
} from '@cryptosignal/gates';
import type { TradeRecordReader } from '@cryptosignal/records';
import type { SqlClient } from '@cryptosignal/store';
import { PgGateStore } from '../adapters/pg-gate-store.js';
import { RecordsGateTrades } from '../adapters/records-gate-trades.js';
import { analyzeGates, type ChoiceReason, type GateAnalysis } from '../domain/analyze-gates.js';
import type { GateExperiment } from '../domain/experiment.js';
import type { GateThresholdSet } from '../domain/thresholds.js';
import { thresholdsInForce } from '../handlers/optimize-gates.js';
import type { SweepRunSummary } from '../ports.js';
import { DEFAULT_GATE_OPTIMIZER_SETTINGS, GATES_SCOPE, type GateOptimizerSettings } from '../settings.js';

/** Latest time a report can be taken as of (9999-12-31 UTC): "everything recorded". */
const END_OF_TIME_MS = Date.UTC(9999, 11, 31);

/** One gate in the plan's result shape (plan 3.1), with its validation and filtering accuracy beside it. */
export interface GateReportEntry extends Omit<GateSweepResult, 'gate'> {
  readonly chosen_threshold: number;
  readonly choice_reason: ChoiceReason;
  /** Walk-forward folds and the pooled out-of-sample figures of the chosen against the initial threshold. */
  readonly walk_forward: Omit<WalkForwardResult, 'gate' | 'current_threshold'>;
  readonly deflated_sharpe: DeflatedSharpe | null;
  /** Share of bad trades (pnl ≤ 0) among the shadow trades the gate rejected, with its Wilson interval. */
  readonly filtering_accuracy: {
    readonly rejected: number;
    readonly bad: number;
    readonly accuracy: number | null;
    readonly accuracy_ci: { readonly lo: number; readonly hi: number; readonly confidence: number } | null;
    readonly avoided_pnl: number;
  };
}

/** report.json's `gates` section. Thresholds in each gate's unit; PnL figures are fractions of notional. */
export interface GatesReportSection {
  readonly as_of_ms: number | null;
  readonly executed_trades: number;
  readonly shadow_trades: number;
  /** Bad share of executed trades: a gate filters usefully when its accuracy exceeds it. */
  readonly base_bad_rate: number | null;
  readonly current_thresholds: GateThresholdSet;
  /** The set the analysis proposes (null: no gate's optimum held out of sample). */
  readonly candidate_thresholds: GateThresholdSet | null;
  readonly by_gate: Readonly<Record<GateName, GateReportEntry>>;
  readonly ev_calibration: EvCalibration;
  /** Every A/B experiment with its latest analysis and decision. */
  readonly experiments: readonly GateExperiment[];
  /** Every stored weekly run: thresholds over time (the plan's gate_stats log). */
  readonly history: readonly SweepRunSummary[];
}

/** Returns the `by_gate` entries of an analysis, in gate order. */
export function gateEntries(analysis: GateAnalysis): Record<GateName, GateReportEntry> {
  const entries = {} as Record<GateName, GateReportEntry>;
  for (const g of analysis.gates) {
    const { gate: _gate, ...sweep } = g.sweep;
    const { rejected, bad, accuracy, accuracy_ci, avoided_pnl } = g.filtering;
    entries[g.gate] = {
      ...sweep,
      chosen_threshold: g.chosenThreshold,
      choice_reason: g.reason,
      walk_forward: { folds: g.walkForward.folds, out_of_sample: g.walkForward.out_of_sample },
      deflated_sharpe: g.deflatedSharpe,
      // −0 (no rejected trade) is written as 0, so the section survives a JSON round trip unchanged.
      filtering_accuracy: {
        rejected,
        bad,
        accuracy,
        accuracy_ci,
        avoided_pnl: avoided_pnl === 0 ? 0 : avoided_pnl,
      },
    };
  }
  return entries;
}

/** Returns the report section of `analysis` with the stored experiments and run history. */
export function gatesSection(
  analysis: GateAnalysis,
  experiments: readonly GateExperiment[],
  history: readonly SweepRunSummary[],
  asOfMs: number | null,
): GatesReportSection {
  return {
    as_of_ms: asOfMs,
    executed_trades: analysis.executed,
    shadow_trades: analysis.shadow,
    base_bad_rate: analysis.filtering.base_bad_rate,
    current_thresholds: analysis.current,
    candidate_thresholds: analysis.candidate,
    by_gate: gateEntries(analysis),
    ev_calibration: analysis.evCalibration,
    experiments,
    history,
  };
}

/**
 * Returns the `gates` section of report.json from the recorder's tables and the optimizer's tables in `db`, as
 * of `asOfMs` (ms UTC; default everything recorded): a fresh analysis of every gate against the thresholds in
 * force (the full sweep, chosen vs initial out of sample, deflated Sharpe, filtering accuracy), the experiments
 * and the stored weekly runs. The recorder's tables are read through `options.records` when given (a reader
 * shared by the report's sections). Plain JSON-able data. Thrown: the store's error when a query fails.
 */
export async function buildGatesReport(
  db: SqlClient,
  options: { asOfMs?: number; settings?: GateOptimizerSettings; records?: TradeRecordReader } = {},
): Promise<GatesReportSection> {
  const asOfMs = options.asOfMs ?? END_OF_TIME_MS;
  const store = new PgGateStore(db);
  const current = await thresholdsInForce({ store }, GATES_SCOPE, asOfMs);
  const records = await new RecordsGateTrades(db, options.records).sweepTrades(asOfMs);
  const analysis = analyzeGates(
    records,
    current,
    asOfMs,
    options.settings ?? DEFAULT_GATE_OPTIMIZER_SETTINGS,
  );
  const experiments = await store.listExperiments(GATES_SCOPE, asOfMs);
  const history = await store.listSweepRuns(GATES_SCOPE, asOfMs);
  return gatesSection(analysis, experiments, history, options.asOfMs ?? null);
}
