import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitIsotonic, poolAdjacentViolators, predictIsotonic } from '../src/index.js';
import { loadSklearnFixtures } from './sklearn-fixtures.js';

const TOL = 1e-9;

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (const [i, v] of actual.entries()) expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(TOL);
}

describe('fitIsotonic against scikit-learn IsotonicRegression', () => {
  const { isotonic } = loadSklearnFixtures();
  it('has the fixture cases', () => expect(isotonic.length).toBeGreaterThanOrEqual(10));
  for (const c of isotonic) {
    it(`matches ${c.name} (n=${c.x.length}) to 1e-9`, () => {
      const fit = fitIsotonic(c.x, c.y, c.w ?? undefined);
      expectClose(fit.xThresholds, c.x_thresholds);
      expectClose(fit.yThresholds, c.y_thresholds);
      expect(fit.xMin).toBe(c.x_min);
      expect(fit.xMax).toBe(c.x_max);
      expectClose(
        c.x.map((x) => predictIsotonic(fit, x)),
        c.fitted,
      );
      expectClose(
        c.grid.map((x) => predictIsotonic(fit, x)),
        c.grid_predicted,
      );
    });
  }
});

describe('fitIsotonic', () => {
  it('pools tied x with their weights summed, not averaged', () => {
    const fit = fitIsotonic([0, 1, 1, 2, 3], [0, 0, 1, 0, 1]);
    const fitted = [0, 1, 1, 2, 3].map((x) => predictIsotonic(fit, x));
    expectClose(fitted, [0, 1 / 3, 1 / 3, 1 / 3, 1]);
    expect(fit.blockWeights).toEqual([1, 3, 3, 1]);
  });

  it('merges x closer than 1e-15 like scikit-learn instead of interpolating over a zero-width step', () => {
    const fit = fitIsotonic([0, 5e-324, 1], [0, 1, 1]);
    expect(fit.xThresholds).toEqual([0, 1]);
    expect(predictIsotonic(fit, 0)).toBe(0.5);
    expect(predictIsotonic(fit, 5e-324)).toBeCloseTo(0.5, 12);
  });

  it('clips outside the fitted range like out_of_bounds="clip"', () => {
    const fit = fitIsotonic([10, 20, 30], [0.2, 0.5, 0.9]);
    expect(predictIsotonic(fit, -1e9)).toBe(0.2);
    expect(predictIsotonic(fit, 1e9)).toBe(0.9);
    expect(predictIsotonic(fit, 25)).toBeCloseTo(0.7, 12);
  });

  it('drops zero-weight points and rejects bad input', () => {
    const fit = fitIsotonic([1, 2, 3], [1, 0, 1], [1, 0, 1]);
    expect(fit.xThresholds).toEqual([1, 3]);
    expect(() => fitIsotonic([], [])).toThrow(RangeError);
    expect(() => fitIsotonic([1, 2], [1])).toThrow(/differ in length/);
    expect(() => fitIsotonic([1, Number.NaN], [0, 1])).toThrow(/not finite/);
    expect(() => fitIsotonic([1, 2], [0, 1], [1, -1])).toThrow(/negative/);
    expect(() => fitIsotonic([1, 2], [0, 1], [0, 0])).toThrow(/positive weight/);
    expect(() => predictIsotonic(fit, Number.NaN)).toThrow(RangeError);
  });

  it('fits a decreasing series to its weighted mean', () => {
    const { fitted, blockWeights } = poolAdjacentViolators([3, 2, 1], [1, 1, 2]);
    expect(fitted).toEqual([1.75, 1.75, 1.75]);
    expect(blockWeights).toEqual([4, 4, 4]);
  });

  const points = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.double({ min: -5, max: 5, noNaN: true })), {
      minLength: 1,
      maxLength: 60,
    })
    .map((pairs) => ({ x: pairs.map((p) => p[0]), y: pairs.map((p) => p[1]) }));

  it('is monotone non-decreasing and within [min(y), max(y)] (property)', () => {
    fc.assert(
      fc.property(
        points,
        fc.array(fc.double({ min: -10, max: 40, noNaN: true }), { maxLength: 30 }),
        (d, q) => {
          const fit = fitIsotonic(d.x, d.y);
          const lo = Math.min(...d.y) - 1e-12;
          const hi = Math.max(...d.y) + 1e-12;
          const xs = [...q, ...d.x].sort((a, b) => a - b);
          let prev = Number.NEGATIVE_INFINITY;
          for (const x of xs) {
            const v = predictIsotonic(fit, x);
            expect(v).toBeGreaterThanOrEqual(prev - 1e-12);
            expect(v).toBeGreaterThanOrEqual(lo);
            expect(v).toBeLessThanOrEqual(hi);
            prev = v;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('preserves the weighted mean of y (property of the L2 isotonic fit)', () => {
    fc.assert(
      fc.property(points, (d) => {
        const fit = fitIsotonic(d.x, d.y);
        const fittedMean = d.x.reduce((s, x) => s + predictIsotonic(fit, x), 0) / d.x.length;
        const mean = d.y.reduce((s, y) => s + y, 0) / d.y.length;
        expect(Math.abs(fittedMean - mean)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 200 },
    );
  });
});
