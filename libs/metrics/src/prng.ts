/** A uniform random source returning floats in [0, 1). */
export type Rng = () => number;

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Returns a seeded pseudo-random generator: xoshiro128** (Blackman & Vigna 2018, public domain reference
 * at prng.di.unimi.it) whose 128-bit state is filled from the 32-bit `seed` by splitmix32, so every seed,
 * including 0, gives a full-period stream. The same seed always yields the same sequence on every platform,
 * which is what makes bootstrap CIs reproducible. Not for cryptography.
 * Thrown when `seed` is not a safe integer.
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const init = splitmix32(seed);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result / 4294967296;
  };
}

/** Returns a uniformly drawn integer in [0, n) from `rng`. Thrown when n is not a positive integer. */
export function randomIndex(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`n must be a positive integer, got ${n}`);
  return Math.floor(rng() * n);
}
