import { poolAdjacentViolators } from './pava.js';

/** x values closer than this to the first of a run are merged with it (scikit-learn `_make_unique`). */
export const TIE_RESOLUTION = 1e-15;

/**
 * A fitted increasing isotonic regression in scikit-learn's shape: the threshold points
 * (`X_thresholds_`, `y_thresholds_`) between which predictions are interpolated linearly, and the fitted
 * x range (`X_min_`, `X_max_`) outside which inputs are clipped (`out_of_bounds='clip'`).
 * `blockWeights[i]` is the total sample weight of the pooled block that threshold i belongs to.
 */
export interface IsotonicFit {
  readonly xThresholds: readonly number[];
  readonly yThresholds: readonly number[];
  readonly blockWeights: readonly number[];
  readonly xMin: number;
  readonly xMax: number;
}

/**
 * Fits a non-decreasing isotonic regression of `y` on `x` (optional `weights`, default 1), reproducing
 * scikit-learn's `IsotonicRegression(increasing=True, out_of_bounds='clip').fit`: points of zero weight are
 * dropped; points are sorted by (x, y); points with equal x are merged into one whose y is their weighted
 * mean and whose weight is the SUM of their weights (so ties pool with their full weight); the merged points
 * are fitted by pool-adjacent-violators; interior points whose fitted y equals both neighbours' are trimmed
 * (they change no prediction). As in scikit-learn, x values less than `TIE_RESOLUTION` (1e-15, numpy's
 * float64 resolution) above the first x of a run count as ties of it.
 * Source: scikit-learn `sklearn/isotonic.py` `_build_y`, `sklearn/_isotonic.pyx` `_make_unique`.
 * Thrown (RangeError) when the arrays are empty or differ in length, a value is not finite, a weight is
 * negative, or every weight is zero.
 */
export function fitIsotonic(
  x: readonly number[],
  y: readonly number[],
  weights?: readonly number[],
): IsotonicFit {
  const w = weights ?? x.map(() => 1);
  assertInputs(x, y, w);
  const order = [...x.keys()].filter((i) => w[i]! > 0);
  if (order.length === 0) throw new RangeError('isotonic fit needs at least one point of positive weight');
  order.sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  const unique = mergeTies(order, x, y, w);
  const { fitted, blockWeights } = poolAdjacentViolators(unique.y, unique.w);
  const keep = fitted.map(
    (v, i) => i === 0 || i === fitted.length - 1 || v !== fitted[i - 1] || v !== fitted[i + 1],
  );
  return {
    xThresholds: unique.x.filter((_, i) => keep[i]),
    yThresholds: fitted.filter((_, i) => keep[i]),
    blockWeights: blockWeights.filter((_, i) => keep[i]),
    xMin: unique.x[0]!,
    xMax: unique.x[unique.x.length - 1]!,
  };
}

/**
 * Returns the prediction of `fit` at `x`: `x` is clipped to [xMin, xMax], then interpolated linearly between
 * the two surrounding thresholds (scipy `interp1d(kind='linear')`); a fit with a single threshold is constant.
 * Thrown (RangeError) when `x` is not finite.
 */
export function predictIsotonic(fit: IsotonicFit, x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`isotonic input must be finite, got ${x}`);
  const xs = fit.xThresholds;
  const ys = fit.yThresholds;
  const t = Math.min(Math.max(x, fit.xMin), fit.xMax);
  const hi = segmentEnd(xs, t);
  if (hi === 0) return ys[0]!;
  const x0 = xs[hi - 1]!;
  const y0 = ys[hi - 1]!;
  return y0 + (ys[hi]! - y0) * ((t - x0) / (xs[hi]! - x0));
}

/** Returns the smallest index i ≥ 1 with xs[i] ≥ t (the right end of t's segment), or 0 for a single point. */
function segmentEnd(xs: readonly number[], t: number): number {
  if (xs.length === 1) return 0;
  let lo = 1;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeTies(order: number[], x: readonly number[], y: readonly number[], w: readonly number[]) {
  const ux: number[] = [];
  const uy: number[] = [];
  const uw: number[] = [];
  let sumWy = 0;
  for (const i of order) {
    const last = ux.length - 1;
    if (last >= 0 && x[i]! - ux[last]! < TIE_RESOLUTION) {
      uw[last]! += w[i]!;
      sumWy += y[i]! * w[i]!;
    } else {
      if (last >= 0) uy[last] = sumWy / uw[last]!;
      ux.push(x[i]!);
      uw.push(w[i]!);
      uy.push(0);
      sumWy = y[i]! * w[i]!;
    }
  }
  uy[ux.length - 1] = sumWy / uw[ux.length - 1]!;
  return { x: ux, y: uy, w: uw };
}

function assertInputs(x: readonly number[], y: readonly number[], w: readonly number[]): void {
  if (x.length === 0) throw new RangeError('isotonic fit needs at least one point');
  if (x.length !== y.length || x.length !== w.length)
    throw new RangeError(`x, y and weights differ in length (${x.length}, ${y.length}, ${w.length})`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]) || !Number.isFinite(w[i]))
      throw new RangeError(`isotonic point ${i} is not finite (x=${x[i]}, y=${y[i]}, w=${w[i]})`);
    if (w[i]! < 0) throw new RangeError(`isotonic weight ${i} is negative (${w[i]})`);
  }
}

/**
 * Returns the sample weight behind the prediction of `fit` at `x` (clipped like `predictIsotonic`): the
 * smaller block weight of the two thresholds it is interpolated between, or the one threshold's weight.
 * Thrown (RangeError) when `x` is not finite.
 */
export function isotonicSupport(fit: IsotonicFit, x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`isotonic input must be finite, got ${x}`);
  const t = Math.min(Math.max(x, fit.xMin), fit.xMax);
  const hi = segmentEnd(fit.xThresholds, t);
  if (hi === 0) return fit.blockWeights[0]!;
  if (fit.xThresholds[hi] === t) return fit.blockWeights[hi]!;
  return Math.min(fit.blockWeights[hi - 1]!, fit.blockWeights[hi]!);
}
