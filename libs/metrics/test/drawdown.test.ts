import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equityFromPnl, maxDrawdown, maxDrawdownOfReturns } from '../src/index.js';

describe('maxDrawdown', () => {
  it('gives 25 % for returns of −10 % then −16.67 %', () => {
    // 1 → 0.9 → 0.9 × (1 − 1/6) = 0.75: a 25 % fall from the initial equity.
    expect(maxDrawdownOfReturns([-0.1, -1 / 6])).toBeCloseTo(0.25, 12);
    expect(maxDrawdownOfReturns([-0.1, -0.1667])).toBeCloseTo(0.25003, 5);
  });

  it('gives 35 % for equity 1,000 and PnL −100, −200, −50', () => {
    const curve = equityFromPnl(1000, [-100, -200, -50]);
    expect(curve).toEqual([900, 700, 650]);
    const dd = maxDrawdown(1000, curve);
    expect(dd.maxDrawdown).toBeCloseTo(0.35, 12);
    expect(dd.peakIndex).toBe(-1);
    expect(dd.troughIndex).toBe(2);
  });

  it('measures from the highest peak, not the first value', () => {
    // 100 → 120 → 90 → 130 → 104: deepest is 120 → 90 = 25 %, 130 → 104 = 20 %.
    const dd = maxDrawdown(100, [120, 90, 130, 104]);
    expect(dd.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(dd).toMatchObject({ peakIndex: 0, troughIndex: 1 });
  });

  it('is 0 for a rising curve and for no data', () => {
    expect(maxDrawdown(100, [101, 102, 150]).maxDrawdown).toBe(0);
    expect(maxDrawdown(100, []).maxDrawdown).toBe(0);
  });

  it('clamps ruin (equity ≤ 0) to 1', () => {
    expect(maxDrawdown(100, [50, -20]).maxDrawdown).toBe(1);
  });

  it('rejects a non-positive initial equity and non-finite values', () => {
    expect(() => maxDrawdown(0, [1])).toThrow(/initialEquity/);
    expect(() => maxDrawdown(1, [Number.NaN])).toThrow(/finite/);
  });

  it('stays in [0, 1] for any return path (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 5, noNaN: true }), { maxLength: 200 }), (rs) => {
        const dd = maxDrawdownOfReturns(rs);
        expect(dd).toBeGreaterThanOrEqual(0);
        expect(dd).toBeLessThanOrEqual(1);
      }),
    );
  });
});
