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
 * Point-in-time estimates already made, by fill: a fill's estimate depends only on the fills of its symbol
 * strictly before it, and recorded fills are never removed or changed, so the same fill with the same number of
 * earlier fills of its symbol has the same estimate. Holders keep one per settings (the rebuild keeps one).
 */
export type EstimateMemo = Map<string, number>;

/** Returns, per fill of `fills`, how many fills of its symbol have a strictly earlier time. */
function earlierCounts(fills: readonly ExecutionCostRecord[]): number[] {
  const times = new Map<string, number[]>();
  for (const f of fills) {
    const list = times.get(f.symbol) ?? [];
    list.push(f.tsMs);
    times.set(f.symbol, list);
  }
  for (const list of times.values()) list.sort((a, b) => a - b);
  return fills.map((f) => {
    const list = times.get(f.symbol)!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < f.tsMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
}

/**
 * Returns the error of ExecutionCostEstimatorV2 on `fills` with time in (fromMs, toMs], each predicted
 * point-in-time: from the fills strictly before it only (the fallback below `minSamples`), as the pipeline
 * would have been served, then compared with its realised cost (realised − predicted, bps; mean and mean
 * absolute). The median mode's mean absolute error is report.json's `costs.estimate_error_bps`; the p95 mode
 * over-predicts by design. With `memo` (kept by the caller across calls with the same settings), estimates
 * made by an earlier call are reused. Pure but for `memo`.
 */
export function costEstimateErrors(
  fills: readonly ExecutionCostRecord[],
  fromMs: number,
  toMs: number,
  settings: CostModelSettings,
  memo?: EstimateMemo,
): CostEstimateErrors {
  let estimator: ExecutionCostEstimatorV2 | undefined;
  const estimate = (f: ExecutionCostRecord, conservative: boolean): number => {
    estimator ??= new ExecutionCostEstimatorV2(
      fills.map((x) => ({ symbol: x.symbol, tsMs: x.tsMs, actualCostBps: x.actualCostBps })),
      [],
      settings,
    );
    return estimator.estimate({ symbol: f.symbol, side: f.side, holdHours: 0, conservative, asOfMs: f.tsMs })
      .costBps;
  };
  const counts = memo ? earlierCounts(fills) : [];
  const scored = fills.flatMap((f, i) => (f.tsMs > fromMs && f.tsMs <= toMs ? [{ f, i }] : []));
  const pairs = (conservative: boolean) =>
    scored.map(({ f, i }) => {
      if (!memo) return { predictedBps: estimate(f, conservative), realisedBps: f.actualCostBps };
      const key = `${f.symbol}|${f.side}|${f.tsMs}|${counts[i]}|${conservative}`;
      let predictedBps = memo.get(key);
      if (predictedBps === undefined) {
        predictedBps = estimate(f, conservative);
        memo.set(key, predictedBps);
      }
      return { predictedBps, realisedBps: f.actualCostBps };
    });
  return { median: estimateError(pairs(false)), conservative: estimateError(pairs(true)) };
}
