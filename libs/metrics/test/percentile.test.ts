import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kurtosis, mean, median, percentile, sampleStd, skewness } from '../src/index.js';

describe('percentile (numpy linear)', () => {
  it('interpolates between closest ranks', () => {
    // sorted 1,2,3,4: h = 3·0.95 = 2.85 → 3 + 0.85·1 = 3.85.
    expect(percentile([4, 1, 3, 2], 95)).toBeCloseTo(3.85, 12);
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 100)).toBe(4);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('rejects q outside [0, 100] and non-finite values', () => {
    expect(() => percentile([1], 101)).toThrow(/\[0, 100\]/);
    expect(() => percentile([1, Number.POSITIVE_INFINITY], 50)).toThrow(/finite/);
  });

  it('is monotone in q and bounded by min and max (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (xs, q1, q2) => {
          const [a, b] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const pa = percentile(xs, a)!;
          const pb = percentile(xs, b)!;
          expect(pa).toBeLessThanOrEqual(pb);
          expect(pa).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(pb).toBeLessThanOrEqual(Math.max(...xs));
        },
      ),
    );
  });
});

describe('moments', () => {
  it('computes mean, sample std, skewness and (non-excess) kurtosis', () => {
    const xs = [1, 2, 3, 4, 10];
    // mean 4; deviations −3,−2,−1,0,6; m2 = 50/5 = 10, m3 = (−27−8−1+216)/5 = 36, m4 = (81+16+1+1296)/5 = 278.8.
    expect(mean(xs)).toBe(4);
    expect(sampleStd(xs)).toBeCloseTo(Math.sqrt(50 / 4), 12);
    expect(skewness(xs)).toBeCloseTo(36 / 10 ** 1.5, 12);
    expect(kurtosis(xs)).toBeCloseTo(278.8 / 100, 12);
    expect(skewness([1, 1])).toBeNull();
    expect(mean([])).toBeNull();
  });
});
