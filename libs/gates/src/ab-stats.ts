import { createRng, mean, percentileOfSorted, resample } from '@cryptosignal/metrics';
import { inverseNormalCdf, normalCdf } from './normal.js';

/** A two-sided interval [lo, hi] at `confidence` (a fraction, 0.95). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly confidence: number;
}

function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return inverseNormalCdf(1 - (1 - confidence) / 2);
}

/**
 * Returns the Wilson score interval of a proportion (Wilson 1927): centre (p̂ + z²/2n)/(1 + z²/n), half-width
 * z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²); `null` when n = 0. Thrown when successes is not in [0, n].
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval | null {
  if (!(Number.isInteger(successes) && Number.isInteger(n) && successes >= 0 && successes <= n))
    throw new RangeError(`need integers 0 ≤ successes (${successes}) ≤ n (${n})`);
  if (n === 0) return null;
  const z = zFor(confidence);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half), confidence };
}

/** Result of a two-proportion z-test of B against A. `diff` = p_b − p_a. */
export interface TwoProportionTest {
  readonly p_a: number;
  readonly p_b: number;
  readonly diff: number;
  readonly z: number;
  /** Two-sided p-value 2·(1 − Φ(|z|)). */
  readonly p_value: number;
  /** Normal (Wald) interval of the difference with the unpooled standard error. */
  readonly ci_diff: Interval;
}

/**
 * Returns the two-proportion z-test (pooled standard error under H₀: p_a = p_b):
 * z = (p_b − p_a) / √(p̄(1−p̄)(1/n_a + 1/n_b)), p̄ = (x_a + x_b)/(n_a + n_b), with a two-sided p-value, and
 * the Wald interval of the difference with SE = √(p_a(1−p_a)/n_a + p_b(1−p_b)/n_b).
 * Returns `null` when a group is empty or both proportions are 0 or both 1 (no variance to test).
 */
export function twoProportionZTest(
  winsA: number,
  nA: number,
  winsB: number,
  nB: number,
  confidence = 0.95,
): TwoProportionTest | null {
  if (nA === 0 || nB === 0) return null;
  const pA = winsA / nA;
  const pB = winsB / nB;
  const pooled = (winsA + winsB) / (nA + nB);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  if (sePooled === 0) return null;
  const z = (pB - pA) / sePooled;
  const se = Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
  const zc = zFor(confidence);
  return {
    p_a: pA,
    p_b: pB,
    diff: pB - pA,
    z,
    p_value: 2 * normalCdf(-Math.abs(z)),
    ci_diff: { lo: pB - pA - zc * se, hi: pB - pA + zc * se, confidence },
  };
}

/**
 * Returns the percentile-bootstrap CI of mean(b) − mean(a): each group is resampled with replacement on its own
 * (sizes kept), `iterations` times, from one seeded xoshiro128** stream (reproducible). `null` when a group is
 * empty. Thrown when a value is not finite or confidence is not in (0, 1).
 */
export function bootstrapMeanDiffCi(
  a: readonly number[],
  b: readonly number[],
  options: { iterations?: number; confidence?: number; seed?: number } = {},
): (Interval & { readonly estimate: number }) | null {
  const iterations = options.iterations ?? 2000;
  if (!(Number.isInteger(iterations) && iterations >= 1))
    throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  const confidence = options.confidence ?? 0.95;
  zFor(confidence);
  const ma = mean(a);
  const mb = mean(b);
  if (ma === null || mb === null) return null;
  const rng = createRng(options.seed ?? 7);
  const diffs: number[] = [];
  for (let i = 0; i < iterations; i++) diffs.push(mean(resample(b, rng))! - mean(resample(a, rng))!);
  diffs.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return {
    estimate: mb - ma,
    lo: percentileOfSorted(diffs, tail * 100)!,
    hi: percentileOfSorted(diffs, (1 - tail) * 100)!,
    confidence,
  };
}
