/**
 * Result of the pool-adjacent-violators algorithm on points already sorted by x with unique x values.
 * `fitted[i]` is the isotonic fit at point i; `blockWeights[i]` is the total weight of the pooled block that
 * point i ended up in (a block is a maximal run of points sharing one fitted value).
 */
export interface PavaResult {
  readonly fitted: readonly number[];
  readonly blockWeights: readonly number[];
}

/**
 * Returns the weighted least-squares non-decreasing fit of `y` (weights `w`, all > 0), by the
 * pool-adjacent-violators algorithm: scan left to right, and whenever a block's mean is ≥ the next block's
 * mean, pool them into one block whose value is the weighted mean Σwy / Σw and whose weight is Σw.
 * Pooling on equality (not only on a strict violation) makes every flat run one block, as scikit-learn's
 * `_inplace_contiguous_isotonic_regression` does.
 *
 * Source: Ayer, Brunk, Ewing, Reid & Silverman (1955), "An empirical distribution function for sampling with
 * incomplete information", Ann. Math. Statist. 26(4); Best & Chakravarti (1990), "Active set algorithms for
 * isotonic regression; a unifying framework", Math. Programming 47, section 3.
 * Thrown (RangeError) when `y` and `w` differ in length.
 */
export function poolAdjacentViolators(y: readonly number[], w: readonly number[]): PavaResult {
  if (y.length !== w.length) throw new RangeError(`y has ${y.length} values but w has ${w.length}`);
  const means: number[] = [];
  const weights: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < y.length; i++) {
    let mean = y[i]!;
    let weight = w[i]!;
    while (means.length > 0 && means[means.length - 1]! >= mean) {
      const prevWeight = weights.pop()!;
      const prevMean = means.pop()!;
      ends.pop();
      const total = prevWeight + weight;
      mean = (prevMean * prevWeight + mean * weight) / total;
      weight = total;
    }
    means.push(mean);
    weights.push(weight);
    ends.push(i);
  }
  return expandBlocks(means, weights, ends);
}

function expandBlocks(means: number[], weights: number[], ends: number[]): PavaResult {
  const fitted: number[] = [];
  const blockWeights: number[] = [];
  let start = 0;
  for (let b = 0; b < means.length; b++) {
    for (let i = start; i <= ends[b]!; i++) {
      fitted.push(means[b]!);
      blockWeights.push(weights[b]!);
    }
    start = ends[b]! + 1;
  }
  return { fitted, blockWeights };
}
