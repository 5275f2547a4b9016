import { mean } from '@cryptosignal/metrics';

/** A predicted cost and the cost later realised for the same execution, bps. */
export interface PredictedVsRealised {
  readonly predictedBps: number;
  readonly realisedBps: number;
}

/** Error of a cost estimator over executions, bps: signed mean (realised − predicted; > 0 under-estimates) and MAE. */
export interface EstimateError {
  readonly n: number;
  readonly mean_error_bps: number | null;
  readonly mean_abs_error_bps: number | null;
}

/**
 * Returns the mean absolute error |realised − predicted| of cost predictions in bps — report.json's
 * `costs.estimate_error_bps` — or `null` with no pair. Thrown when a value is not finite.
 */
export function meanAbsoluteErrorBps(pairs: readonly PredictedVsRealised[]): number | null {
  return mean(pairs.map((p) => Math.abs(p.realisedBps - p.predictedBps)));
}

/** Returns the count, signed mean error and mean absolute error of cost predictions (bps; nulls when empty). */
export function estimateError(pairs: readonly PredictedVsRealised[]): EstimateError {
  return {
    n: pairs.length,
    mean_error_bps: mean(pairs.map((p) => p.realisedBps - p.predictedBps)),
    mean_abs_error_bps: meanAbsoluteErrorBps(pairs),
  };
}
