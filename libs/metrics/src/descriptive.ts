/**
 * Descriptive statistics over plain number arrays. Every function rejects non-finite input rather than
 * letting a NaN travel into a report, and returns `null` where the statistic is undefined (too few values).
 */

/** Throws when any value is not a finite number. `what` names the input in the message. */
export function assertFiniteValues(values: readonly number[], what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`${what}[${i}] must be a finite number, got ${v}`);
  }
}

/** Returns the arithmetic mean, or `null` for an empty array. Thrown when a value is not finite. */
export function mean(values: readonly number[]): number | null {
  assertFiniteValues(values, 'values');
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Returns the sum of the values (0 for an empty array). Thrown when a value is not finite. */
export function sum(values: readonly number[]): number {
  assertFiniteValues(values, 'values');
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * Returns the sample standard deviation with Bessel's correction, √(Σ(x−x̄)² / (n−1)) — numpy's
 * `std(ddof=1)` — or `null` when fewer than 2 values are given. Thrown when a value is not finite.
 */
export function sampleStd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/** Central moments of a sample: population (biased, divide by n) estimators m2, m3, m4 around the mean. */
export interface CentralMoments {
  readonly n: number;
  readonly mean: number;
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
}

/** Returns the mean and the biased central moments m2, m3, m4 (divide by n), or `null` for an empty array. */
export function centralMoments(values: readonly number[]): CentralMoments | null {
  const m = mean(values);
  if (m === null) return null;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = v - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const n = values.length;
  return { n, mean: m, m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/**
 * Returns the sample skewness γ₃ = m₃ / m₂^{3/2} (biased moment estimator, scipy.stats.skew's default
 * `bias=True`), or `null` with fewer than 2 values or zero variance.
 */
export function skewness(values: readonly number[]): number | null {
  const cm = centralMoments(values);
  if (cm === null || cm.n < 2 || cm.m2 === 0) return null;
  return cm.m3 / cm.m2 ** 1.5;
}

/**
 * Returns the sample kurtosis γ₄ = m₄ / m₂² — NOT the excess: a normal sample gives ≈ 3 (scipy.stats.kurtosis
 * with `fisher=False, bias=True`) — or `null` with fewer than 2 values or zero variance.
 */
export function kurtosis(values: readonly number[]): number | null {
  const cm = centralMoments(values);
  if (cm === null || cm.n < 2 || cm.m2 === 0) return null;
  return cm.m4 / (cm.m2 * cm.m2);
}
