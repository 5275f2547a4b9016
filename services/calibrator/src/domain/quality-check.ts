import {
  bootstrapProbability,
  type CalibrationMetrics,
  CalibrationMonitor,
  type CalibrationReport,
  type MonitorWindow,
  type ScoredOutcome,
} from '@cryptosignal/calibration';
import type { CalibrationSample } from '../ports.js';

/** What ran a quality check. */
export type CheckTrigger = 'recompute' | 'daily' | 'on_demand';

/**
 * One calibration-quality check as of `asOfMs` (ms UTC): the monitor's report of the probabilities the signals
 * were published with (`report`: overall, per symbol, per side, over the rolling window) and, on the same
 * trades, the figures the bootstrap map would have scored (`baseline`), so an improvement is visible.
 */
export interface CalibrationCheck {
  readonly scope: string;
  readonly asOfMs: number;
  readonly trigger: CheckTrigger;
  /** Calibration version in force at the check; null when none was stored yet. */
  readonly tableVersion: string | null;
  readonly report: CalibrationReport;
  readonly baseline: CalibrationMetrics;
}

/**
 * Returns the scored outcomes of `samples` with `p` taken from `probabilityOf` (the published p_calibrated, or
 * another map scored on the same trades). Breakevens are left out: the monitor scores wins (1) against
 * losses (0), as the calibrator fits on them.
 */
export function scoredOutcomes(
  samples: readonly CalibrationSample[],
  probabilityOf: (s: CalibrationSample) => number,
): ScoredOutcome[] {
  return samples
    .filter((s) => s.outcome !== 'breakeven')
    .map((s) => ({
      p: probabilityOf(s),
      outcome: s.outcome === 'win' ? 1 : 0,
      symbol: s.symbol,
      side: s.side,
      closeMs: s.closeMs,
    }));
}

/** Inputs of `runQualityCheck` besides the samples. */
export interface QualityCheckInput {
  readonly scope: string;
  readonly asOfMs: number;
  readonly trigger: CheckTrigger;
  readonly tableVersion: string | null;
  readonly window: MonitorWindow;
  /** Probability bins of the reliability curve, ECE and Brier decomposition (default 10). */
  readonly bins?: number;
}

/**
 * Returns the quality check of `samples` as of `input.asOfMs` over `input.window` (trades closed later are
 * ignored by the monitor). Pure. Thrown (RangeError) when a sample's probability or confidence is out of
 * range or the window is invalid.
 */
export function runQualityCheck(
  samples: readonly CalibrationSample[],
  input: QualityCheckInput,
): CalibrationCheck {
  const monitor = new CalibrationMonitor({ window: input.window, bins: input.bins });
  const report = monitor.report(
    scoredOutcomes(samples, (s) => s.pCalibrated),
    input.asOfMs,
  );
  const baseline = monitor.report(
    scoredOutcomes(samples, (s) => bootstrapProbability(s.confidence)),
    input.asOfMs,
  ).overall;
  return {
    scope: input.scope,
    asOfMs: input.asOfMs,
    trigger: input.trigger,
    tableVersion: input.tableVersion,
    report,
    baseline,
  };
}
