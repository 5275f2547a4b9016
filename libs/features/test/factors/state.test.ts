import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingRegression } from '../../src/factors/independence.js';
import { Ring, RollingSum } from '../../src/factors/math.js';
import { TimedSeries } from '../../src/factors/timed-series.js';

describe('Ring and RollingSum', () => {
  it('ago(k) returns the k-th newest value, only while held', () => {
    const r = new Ring(3);
    for (const v of [1, 2, 3, 4]) r.push(v);
    expect([r.ago(0), r.ago(1), r.ago(2), r.ago(3)]).toEqual([4, 3, 2, undefined]);
    r.reset();
    expect(r.ago(0)).toBeUndefined();
  });

  it('the running sum equals the exact sum of the window, without drift over long series', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 400 }),
        (size, values) => {
          const s = new RollingSum(size);
          values.forEach((v, i) => {
            s.push(v);
            const window = values.slice(Math.max(0, i + 1 - size), i + 1);
            const exact = window.reduce((a, b) => a + b, 0);
            // Rounding residue can stem from values up to two windows back (the sum is re-summed once a window).
            const recent = values.slice(Math.max(0, i + 1 - 2 * size), i + 1);
            const scale = recent.reduce((a, b) => a + Math.abs(b), 0);
            expect(Math.abs(s.sum - exact)).toBeLessThanOrEqual(1e-12 * scale);
          });
        },
      ),
    );
  });

  it('recovers exactly after a huge value has left the window', () => {
    const s = new RollingSum(4);
    for (const v of [1e20, 1, 1, 1, 1, 1, 1, 1]) s.push(v);
    expect(s.sum).toBe(4);
  });
});

describe('TimedSeries', () => {
  it('answers the latest value at or before t within maxAge, never a later one', () => {
    const ts = new TimedSeries('test');
    ts.add(100, 1);
    ts.add(200, 2);
    ts.add(300, 3);
    expect(ts.valueAt(99, 1000)).toBeUndefined();
    expect(ts.valueAt(100, 1000)).toBe(1);
    expect(ts.valueAt(299, 1000)).toBe(2);
    expect(ts.valueAt(299, 99)).toBeUndefined();
    expect(ts.valueAt(1000, 1000)).toBe(3);
    ts.forgetBefore(250);
    expect(ts.valueAt(260, 1000)).toBe(2);
    expect(ts.valueAt(1000, 1000)).toBe(3);
  });

  it('replaces a same-time observation and rejects earlier ones', () => {
    const ts = new TimedSeries('test');
    ts.add(100, 1);
    ts.add(100, 5);
    expect(ts.valueAt(100, 10)).toBe(5);
    expect(() => ts.add(50, 1)).toThrow(/arrived after/);
    expect(() => ts.add(150, Number.NaN)).toThrow(/non-finite/);
  });
});

/** A realistic 1h log return: ±10 % with a resolution of 1e-6. */
const logReturn = fc.integer({ min: -100_000, max: 100_000 }).map((i) => i / 1e6);

describe('RollingRegression', () => {
  const naiveR2 = (x: number[], y: number[]) => {
    const n = x.length;
    const mx = x.reduce((a, b) => a + b, 0) / n;
    const my = y.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i += 1) {
      sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
      sxx += ((x[i] as number) - mx) ** 2;
      syy += ((y[i] as number) - my) ** 2;
    }
    return (sxy * sxy) / (sxx * syy);
  };

  it('R² equals the two-pass formula over the last window of returns', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(logReturn, logReturn), { minLength: 30, maxLength: 120 }), (pairs) => {
        const reg = new RollingRegression(24);
        for (const [x, y] of pairs) reg.push(x, y);
        const tail = pairs.slice(-24);
        const expected = naiveR2(
          tail.map((p) => p[0]),
          tail.map((p) => p[1]),
        );
        const r2 = reg.rSquared();
        if (!Number.isFinite(expected)) {
          expect(r2).toBeUndefined();
          return;
        }
        expect(Math.abs((r2 as number) - expected)).toBeLessThan(1e-9);
      }),
    );
  });

  it('is 1 for a perfect linear relation and undefined for a constant series', () => {
    const reg = new RollingRegression(10);
    for (let i = 0; i < 10; i += 1) reg.push(i * 0.01, 0.5 * i * 0.01 + 0.001);
    expect(reg.rSquared()).toBeCloseTo(1, 12);
    const flat = new RollingRegression(10);
    for (let i = 0; i < 10; i += 1) flat.push(i * 0.01, 0.002);
    expect(flat.rSquared()).toBeUndefined();
  });
});
