import { mean } from '@cryptosignal/metrics';
import type { GateTradeRecord } from './records.js';

/** One bucket of predicted EV (fractions of notional): its range, count, mean predicted and mean realised PnL. */
export interface EvBucket {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly predicted_mean: number;
  readonly realised_mean: number;
  readonly win_rate: number;
}

/**
 * Gate4's question — does realised PnL follow predicted EV? `bias` = mean realised − mean predicted (< 0: EV
 * over-promises); `weighted_abs_error` = Σ nᵦ·|realisedᵦ − predictedᵦ| / n over buckets (the EV analogue of
 * ECE); `slope` = OLS slope of realised PnL on predicted EV per trade (1 when calibrated, null without spread).
 */
export interface EvCalibration {
  readonly n: number;
  readonly mean_predicted: number | null;
  readonly mean_realised: number | null;
  readonly bias: number | null;
  readonly weighted_abs_error: number | null;
  readonly slope: number | null;
  readonly buckets: readonly EvBucket[];
}

function olsSlope(xs: readonly number[], ys: readonly number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  if (mx === null || my === null) return null;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * Returns the calibration of predicted EV_net against realised PnL over `records` (executed and shadow alike:
 * pass the set you want judged). Trades are sorted by predicted EV and cut into `bucketCount` equal-count
 * buckets (fewer when there are fewer trades; bucket i holds ranks ⌊i·n/k⌋ … ⌊(i+1)·n/k⌋ − 1).
 * Thrown when bucketCount is not a positive integer.
 */
export function evCalibration(records: readonly GateTradeRecord[], bucketCount = 10): EvCalibration {
  if (!(Number.isInteger(bucketCount) && bucketCount >= 1))
    throw new RangeError(`bucketCount must be a positive integer, got ${bucketCount}`);
  const sorted = [...records].sort((a, b) => a.gateInputs.predictedEv - b.gateInputs.predictedEv);
  const n = sorted.length;
  const k = Math.min(bucketCount, n);
  const buckets: EvBucket[] = [];
  for (let i = 0; i < k; i++) {
    const part = sorted.slice(Math.floor((i * n) / k), Math.floor(((i + 1) * n) / k));
    const predicted = part.map((r) => r.gateInputs.predictedEv);
    buckets.push({
      lo: predicted[0]!,
      hi: predicted[predicted.length - 1]!,
      n: part.length,
      predicted_mean: mean(predicted)!,
      realised_mean: mean(part.map((r) => r.pnlPct))!,
      win_rate: part.filter((r) => r.outcome === 'win').length / part.length,
    });
  }
  const xs = sorted.map((r) => r.gateInputs.predictedEv);
  const ys = sorted.map((r) => r.pnlPct);
  const mp = mean(xs);
  const mr = mean(ys);
  return {
    n,
    mean_predicted: mp,
    mean_realised: mr,
    bias: mp === null || mr === null ? null : mr - mp,
    weighted_abs_error:
      n === 0
        ? null
        : buckets.reduce((s, b) => s + b.n * Math.abs(b.realised_mean - b.predicted_mean), 0) / n,
    slope: olsSlope(xs, ys),
    buckets,
  };
}
