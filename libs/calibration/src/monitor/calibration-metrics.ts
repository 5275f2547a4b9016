import type { BrierBand, BrierDecomposition } from './brier.js';
import { brierDecomposition, brierScore, brierSkillScore, interpretBrier } from './brier.js';
import { expectedCalibrationError, winRatePredictionError } from './calibration-error.js';
import { LOG_LOSS_EPSILON, logLoss } from './log-loss.js';
import { DEFAULT_PROBABILITY_BINS } from './probability-bins.js';
import type { ReliabilityBin } from './reliability.js';
import { reliabilityCurve } from './reliability.js';
import type { ProbabilityOutcome } from './scored-outcome.js';
import { meanOrNull } from './scored-outcome.js';

/** How metrics are binned and clipped. */
export interface MetricsOptions {
  /** Equal-width probability bins for the reliability curve, ECE and the Brier decomposition (default 10). */
  readonly bins?: number;
  /** Log-loss clipping (default 1e-15, see LOG_LOSS_EPSILON). */
  readonly logLossEpsilon?: number;
}

/**
 * Every calibration-quality figure of one set of scored trades. Rates and scores are fractions; log loss is
 * in nats. Every figure is null when n = 0 (the reliability curve then has all bins with n = 0).
 */
export interface CalibrationMetrics {
  readonly n: number;
  readonly wins: number;
  /** Realised win rate ō. */
  readonly baseRate: number | null;
  /** Mean predicted probability p̄. */
  readonly meanPredicted: number | null;
  readonly brier: number | null;
  readonly brierBand: BrierBand | null;
  readonly brierDecomposition: BrierDecomposition | null;
  readonly brierSkillScore: number | null;
  readonly logLoss: number | null;
  readonly ece: number | null;
  /** Mean predicted − realised win rate (signed). */
  readonly winRateError: number | null;
  readonly reliability: readonly ReliabilityBin[];
}

/**
 * Returns all calibration-quality figures of `items` (see CalibrationMetrics).
 * Thrown (RangeError) when an item is invalid or an option is out of range.
 */
export function calibrationMetrics(
  items: readonly ProbabilityOutcome[],
  options: MetricsOptions = {},
): CalibrationMetrics {
  const bins = options.bins ?? DEFAULT_PROBABILITY_BINS;
  const brier = brierScore(items);
  return {
    n: items.length,
    wins: items.reduce((s, x) => s + x.outcome, 0),
    baseRate: meanOrNull(items.map((x) => x.outcome)),
    meanPredicted: meanOrNull(items.map((x) => x.p)),
    brier,
    brierBand: brier === null ? null : interpretBrier(brier),
    brierDecomposition: brierDecomposition(items, bins),
    brierSkillScore: brierSkillScore(items),
    logLoss: logLoss(items, options.logLossEpsilon ?? LOG_LOSS_EPSILON),
    ece: expectedCalibrationError(items, bins),
    winRateError: winRatePredictionError(items),
    reliability: reliabilityCurve(items, bins),
  };
}
