import { percentileOfSorted } from './percentile.js';
import { createRng, randomIndex } from './prng.js';

/** Settings of a bootstrap. `seed` makes the interval reproducible; `confidence` is a fraction (0.95). */
export interface BootstrapOptions {
  readonly iterations?: number;
  readonly confidence?: number;
  readonly seed?: number;
}

/**
 * A percentile-bootstrap confidence interval: `lo`/`hi` are the (1−c)/2 and (1+c)/2 percentiles of the
 * statistic over the resamples, `estimate` the statistic on the original sample, `valid` how many resamples
 * gave a defined (non-null) statistic.
 */
export interface BootstrapInterval {
  readonly estimate: number;
  readonly lo: number;
  readonly hi: number;
  readonly confidence: number;
  readonly iterations: number;
  readonly valid: number;
  readonly seed: number;
}

/** Defaults: 2,000 resamples, 95 % confidence, seed 7. */
export const BOOTSTRAP_DEFAULTS = { iterations: 2000, confidence: 0.95, seed: 7 } as const;

/** Returns one resample with replacement of `sample`, of the same size, drawn from `rng`. */
export function resample<T>(sample: readonly T[], rng: () => number): T[] {
  const out = new Array<T>(sample.length);
  for (let i = 0; i < sample.length; i++) out[i] = sample[randomIndex(rng, sample.length)]!;
  return out;
}

/**
 * Returns the percentile-bootstrap CI (Efron & Tibshirani 1993, ch. 13) of `statistic` over `sample`:
 * draws `iterations` resamples of size n with replacement from a seeded xoshiro128** stream, evaluates the
 * statistic on each, and takes the (1−c)/2 and (1+c)/2 percentiles (numpy-linear interpolation) of the
 * defined values. Observations are treated as i.i.d. (no block bootstrap: serial correlation is ignored).
 * Returns `null` when the sample is empty, the statistic is undefined on it, or fewer than half the
 * resamples give a defined statistic. Thrown when iterations < 1 or confidence is not in (0, 1).
 */
export function bootstrapCi<T>(
  sample: readonly T[],
  statistic: (s: readonly T[]) => number | null,
  options: BootstrapOptions = {},
): BootstrapInterval | null {
  const iterations = options.iterations ?? BOOTSTRAP_DEFAULTS.iterations;
  const confidence = options.confidence ?? BOOTSTRAP_DEFAULTS.confidence;
  const seed = options.seed ?? BOOTSTRAP_DEFAULTS.seed;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`iterations must be a positive integer, got ${iterations}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (sample.length === 0) return null;
  const estimate = statistic(sample);
  if (estimate === null) return null;
  const rng = createRng(seed);
  const stats: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const s = statistic(resample(sample, rng));
    if (s !== null && Number.isFinite(s)) stats.push(s);
  }
  if (stats.length * 2 < iterations) return null;
  stats.sort((a, b) => a - b);
  const alphaPct = ((1 - confidence) / 2) * 100;
  return {
    estimate,
    lo: percentileOfSorted(stats, alphaPct)!,
    hi: percentileOfSorted(stats, 100 - alphaPct)!,
    confidence,
    iterations,
    valid: stats.length,
    seed,
  };
}
