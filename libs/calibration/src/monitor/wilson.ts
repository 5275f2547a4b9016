/** Two-sided 95 % standard-normal quantile, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/** A confidence interval of a proportion, both ends fractions in [0, 1]. */
export interface ProportionInterval {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Returns the Wilson score interval of `wins` successes in `n` trials (default 95 %, z = 1.96):
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²), p̂ = wins / n.
 * Unlike the normal (Wald) interval it stays inside [0, 1] and is not empty at p̂ = 0 or 1.
 * Returns null when n = 0 (nothing to estimate).
 * Source: Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical inference",
 * JASA 22(158), 209–212.
 * Thrown (RangeError) when n or wins is negative or not an integer, or wins > n.
 */
export function wilsonInterval(wins: number, n: number, z = Z_95): ProportionInterval | null {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(wins) || n < 0 || wins < 0 || wins > n)
    throw new RangeError(`need integers 0 ≤ wins ≤ n, got wins=${wins}, n=${n}`);
  if (n === 0) return null;
  const pHat = wins / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (pHat + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((pHat * (1 - pHat)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}
