import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, inverseNormalCdf, normalCdf } from '../src/index.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/reference.json', import.meta.url), 'utf8')) as {
  ppf: [number, number][];
  cdf: [number, number][];
};

function relErr(got: number, want: number): number {
  return Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
}

describe('normal distribution', () => {
  it('gives the textbook quantiles', () => {
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959963985, 9);
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.95)).toBeCloseTo(1.644853627, 9);
    expect(inverseNormalCdf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(inverseNormalCdf(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => inverseNormalCdf(1.1)).toThrow(/\[0, 1\]/);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(erfc(0)).toBe(1);
  });

  it('matches scipy.stats.norm.ppf across both tails', () => {
    for (const [p, x] of ref.ppf) expect(relErr(inverseNormalCdf(p), x)).toBeLessThan(1e-12);
  });

  it('matches scipy.stats.norm.cdf, relatively, in the far tails too', () => {
    for (const [x, p] of ref.cdf) expect(relErr(normalCdf(x), p)).toBeLessThan(1e-13);
  });

  it('round-trips and is symmetric (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        const x = inverseNormalCdf(p);
        expect(Math.abs(normalCdf(x) - p)).toBeLessThan(1e-14);
        // 1 − q is exact for q ≥ 0.5 (Sterbenz), so the mirror image is exactly representable.
        const q = Math.max(p, 1 - p);
        expect(inverseNormalCdf(1 - q)).toBe(-inverseNormalCdf(q));
      }),
    );
  });
});
