import {
  type DeflatedSharpe,
  deflatedSharpeOfSweep,
  type EvCalibration,
  evCalibration,
  type FilteringAccuracyReport,
  type GateFilterAccuracy,
  type GateName,
  type GateSweepResult,
  type GateSweepSpec,
  type GateTradeRecord,
  gateFilteringAccuracy,
  sweepGate,
  type WalkForwardOptions,
  type WalkForwardResult,
  walkForward,
} from '@cryptosignal/gates';
import { type GateThresholdSet, sameThresholds, sweepSpecs, withThreshold } from './thresholds.js';

/** How the analysis validates a sweep's optimum before proposing it. */
export interface GateAnalysisOptions {
  /** Walk-forward windows by close time (choose on `trainMs`, evaluate on the next `testMs`). */
  readonly walkForward: WalkForwardOptions;
  /** Smallest deflated Sharpe ratio (probability, 0–1) a maximising gate's optimum needs to be proposed. */
  readonly minDeflatedSharpe: number;
}

/** Why a gate keeps its current threshold, or `accepted` when the optimum is proposed. */
export type ChoiceReason =
  | 'accepted'
  | 'no_optimum'
  | 'optimum_is_current'
  | 'no_out_of_sample'
  | 'not_better_out_of_sample'
  | 'deflated_sharpe_too_low';

/** One gate's evaluation: the plan's sweep, its walk-forward check, deflated Sharpe, filtering accuracy, choice. */
export interface GateEvaluation {
  readonly gate: GateName;
  readonly sweep: GateSweepResult;
  readonly walkForward: WalkForwardResult;
  readonly deflatedSharpe: DeflatedSharpe | null;
  readonly filtering: GateFilterAccuracy;
  readonly chosenThreshold: number;
  readonly reason: ChoiceReason;
}

/** The weekly analysis of every gate as of `asOfMs` and the candidate set it proposes (null: no change). */
export interface GateAnalysis {
  readonly asOfMs: number;
  readonly executed: number;
  readonly shadow: number;
  readonly current: GateThresholdSet;
  readonly candidate: GateThresholdSet | null;
  readonly gates: readonly GateEvaluation[];
  readonly filtering: FilteringAccuracyReport;
  readonly evCalibration: EvCalibration;
}

function choose(
  spec: GateSweepSpec,
  sweep: GateSweepResult,
  wf: WalkForwardResult,
  dsr: DeflatedSharpe | null,
  minDeflatedSharpe: number,
): ChoiceReason {
  if (sweep.optimal_threshold === null) return 'no_optimum';
  if (sweep.optimal_threshold === spec.currentThreshold) return 'optimum_is_current';
  const oos = wf.out_of_sample;
  if (oos === null || oos.chosen.sharpe_proxy === null) return 'no_out_of_sample';
  if (!(oos.chosen.sharpe_proxy > (oos.initial.sharpe_proxy ?? Number.NEGATIVE_INFINITY)))
    return 'not_better_out_of_sample';
  // A rejecting gate's winner is a losing group, not a strategy: it has no deflated Sharpe to check.
  if (spec.objective === 'max' && !(dsr !== null && dsr.deflated_sharpe >= minDeflatedSharpe))
    return 'deflated_sharpe_too_low';
  return 'accepted';
}

/**
 * Returns the gate analysis of `records` (executed and shadow trades closed at or before `asOfMs`, produced
 * under `current`): per gate the plan's threshold sweep (objective mean PnL × √n), a walk-forward of the
 * choice, the winner's deflated Sharpe ratio and the gate's filtering accuracy from the shadow trades; the EV
 * calibration of Gate4. A gate's optimum is proposed only when it differs from the current threshold, beats
 * it out of sample on the same objective, and (for a maximising gate) has a deflated Sharpe ratio of at least
 * `options.minDeflatedSharpe`; the candidate set is null when no gate changes. Pure and deterministic.
 * Thrown (RangeError) when the walk-forward windows are invalid.
 */
export function analyzeGates(
  records: readonly GateTradeRecord[],
  current: GateThresholdSet,
  asOfMs: number,
  options: GateAnalysisOptions,
): GateAnalysis {
  const known = records.filter((r) => r.closeMs <= asOfMs);
  const filtering = gateFilteringAccuracy(known);
  let candidate = current;
  const gates = sweepSpecs(current).map((spec): GateEvaluation => {
    const sweep = sweepGate(spec, known);
    const wf = walkForward(spec, known, options.walkForward);
    const dsr = deflatedSharpeOfSweep(spec, known, sweep);
    const reason = choose(spec, sweep, wf, dsr, options.minDeflatedSharpe);
    const chosenThreshold =
      reason === 'accepted' ? (sweep.optimal_threshold as number) : spec.currentThreshold;
    candidate = withThreshold(candidate, spec.gate, chosenThreshold);
    const accuracy = filtering.gates.find((g) => g.gate === spec.gate) as GateFilterAccuracy;
    return {
      gate: spec.gate,
      sweep,
      walkForward: wf,
      deflatedSharpe: dsr,
      filtering: accuracy,
      chosenThreshold,
      reason,
    };
  });
  return {
    asOfMs,
    executed: known.filter((r) => !r.shadow).length,
    shadow: known.filter((r) => r.shadow).length,
    current,
    candidate: sameThresholds(candidate, current) ? null : candidate,
    gates,
    filtering,
    evCalibration: evCalibration(known),
  };
}
