import {
  type EstimateError,
  ExecutionCostEstimatorV2,
  type ExecutionCostRecord,
  estimateError,
} from '@cryptosignal/costs';
import type { CostModelSettings } from '../settings.js';

/** The estimator's error against realised fill costs, bps: median mode (the point estimate) and p95 mode. */
export interface CostEstimateErrors {
  readonly median: EstimateError;
  readonly conservative: EstimateError;
}

/**
 * Returns the error of ExecutionCostEstimatorV2 on `fills` with time in (fromMs, toMs], each predicted
 * point-in-time: from the fills strictly before it only (the fallback below `minSamples`), as the pipeline
 * would have been served, then compared with its realised cost (realised − predicted, bps; mean and mean
 * absolute). The median mode's mean absolute error is report.json's `costs.estimate_error_bps`; the p95 mode
 * over-predicts by design. Pure.
 */
export function costEstimateErrors(
  fills: readonly ExecutionCostRecord[],
  fromMs: number,
  toMs: number,
  settings: CostModelSettings,
): CostEstimateErrors {
  const estimator = new ExecutionCostEstimatorV2(
    fills.map((f) => ({ symbol: f.symbol, tsMs: f.tsMs, actualCostBps: f.actualCostBps })),
    [],
    settings,
  );
  const scored = fills.filter((f) => f.tsMs > fromMs && f.tsMs <= toMs);
  const pairs = (conservative: boolean) =>
    scored.map((f) => ({
      predictedBps: estimator.estimate({
        symbol: f.symbol,
        side: f.side,
        holdHours: 0,
        conservative,
        asOfMs: f.tsMs,
      }).costBps,
      realisedBps: f.actualCostBps,
    }));
  return { median: estimateError(pairs(false)), conservative: estimateError(pairs(true)) };
}
