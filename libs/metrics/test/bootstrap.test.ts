import { describe, expect, it } from 'vitest';
import { bootstrapCi, createRng, mean, randomIndex } from '../src/index.js';

describe('createRng', () => {
  it('is reproducible per seed and different across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it('draws uniformly in [0, 1)', () => {
    const rng = createRng(0);
    const counts = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng();
      if (x < 0 || x >= 1) outside++;
      counts[randomIndex(() => x, 10)]!++;
    }
    expect(outside).toBe(0);
    // Each decile expects 10,000 draws, σ ≈ 95: ±500 is > 5σ.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});

describe('bootstrapCi', () => {
  const sample = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 0.02 + 0.001);

  it('gives the same interval for the same seed', () => {
    const a = bootstrapCi(sample, mean, { seed: 11, iterations: 500 });
    const b = bootstrapCi(sample, mean, { seed: 11, iterations: 500 });
    expect(a).toEqual(b);
    expect(bootstrapCi(sample, mean, { seed: 12, iterations: 500 })?.lo).not.toBe(a?.lo);
  });

  it('brackets the estimate, close to the normal-theory interval of a mean', () => {
    const ci = bootstrapCi(sample, mean, { seed: 3, iterations: 2000 })!;
    expect(ci.lo).toBeLessThan(ci.estimate);
    expect(ci.hi).toBeGreaterThan(ci.estimate);
    const m = mean(sample)!;
    const se = Math.sqrt(sample.reduce((s, x) => s + (x - m) ** 2, 0) / (sample.length - 1) / sample.length);
    expect(ci.hi - ci.lo).toBeGreaterThan(2 * 1.96 * se * 0.85);
    expect(ci.hi - ci.lo).toBeLessThan(2 * 1.96 * se * 1.15);
  });

  it('returns null for an empty sample or an undefined statistic', () => {
    expect(bootstrapCi([], mean)).toBeNull();
    expect(bootstrapCi([1, 2], () => null)).toBeNull();
    expect(() => bootstrapCi([1], mean, { confidence: 1 })).toThrow(/confidence/);
  });
});
