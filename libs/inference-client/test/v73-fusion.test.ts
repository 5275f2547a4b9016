import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirmWithTransformer, type PriceDistribution, V73_PARAMETERS } from '../src/index.js';

function forecast(mean4h: number, std4h: number): PriceDistribution {
  return {
    horizons: [1, 2, 3, 4].map((h) => ({
      horizonHours: h,
      meanReturn: h === 4 ? mean4h : 0,
      stdReturn: h === 4 ? std4h : 0.01,
    })),
  };
}

const long = { side: 'long' as const, confidence: 60, tp: 0.03, sl: 0.02 };
const short = { ...long, side: 'short' as const };

describe('confirmWithTransformer (plan 2.3)', () => {
  it('confirms a long when the 4 h mean return is above +1.5 %, boosting confidence by 1.2', () => {
    const c = confirmWithTransformer(long, forecast(0.02, 0.01));
    expect(c.confirmed).toBe(true);
    expect(c.confidenceBoost).toBe(1.2);
    expect(c.confidence).toBeCloseTo(72, 12);
  });

  it('confirms a short only when the 4 h mean return is below -1.5 %', () => {
    expect(confirmWithTransformer(short, forecast(-0.016, 0.01)).confirmed).toBe(true);
    expect(confirmWithTransformer(short, forecast(0.02, 0.01)).confirmed).toBe(false);
    expect(confirmWithTransformer(long, forecast(-0.02, 0.01)).confirmed).toBe(false);
  });

  it('does not confirm at exactly the threshold (strictly beyond, as the plan compares with >)', () => {
    expect(confirmWithTransformer(long, forecast(0.015, 0.01)).confirmed).toBe(false);
    expect(confirmWithTransformer(short, forecast(-0.015, 0.01)).confirmed).toBe(false);
  });

  it('sets TP = max(2.5 %, 0.7·2σ) and SL = max(1.5 %, 0.4·2σ) when confirmed', () => {
    const wide = confirmWithTransformer(long, forecast(0.03, 0.05));
    expect(wide.predictedRange).toBeCloseTo(0.1, 12);
    expect(wide.tp).toBeCloseTo(0.07, 12);
    expect(wide.sl).toBeCloseTo(0.04, 12);
    const narrow = confirmWithTransformer(long, forecast(0.03, 0.005));
    expect(narrow.tp).toBe(0.025);
    expect(narrow.sl).toBe(0.015);
  });

  it('keeps the v7.2 confidence, TP and SL when not confirmed', () => {
    const c = confirmWithTransformer(long, forecast(0.001, 0.05));
    expect(c).toMatchObject({ confirmed: false, confidenceBoost: 1, confidence: 60, tp: 0.03, sl: 0.02 });
  });

  it('caps the boosted confidence at 100', () => {
    expect(confirmWithTransformer({ ...long, confidence: 95 }, forecast(0.05, 0.01)).confidence).toBe(100);
  });

  it('refuses a forecast without a usable 4 h horizon and an invalid candidate', () => {
    expect(() => confirmWithTransformer(long, { horizons: [] })).toThrow(RangeError);
    expect(() => confirmWithTransformer(long, forecast(Number.NaN, 0.01))).toThrow(RangeError);
    expect(() => confirmWithTransformer(long, forecast(0.02, -0.01))).toThrow(RangeError);
    expect(() => confirmWithTransformer({ ...long, confidence: 120 }, forecast(0.02, 0.01))).toThrow(
      RangeError,
    );
    expect(() => confirmWithTransformer({ ...long, tp: 0 }, forecast(0.02, 0.01))).toThrow(RangeError);
  });

  it('never lowers confidence, keeps exits at or above the floors when confirmed, and is symmetric by side', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (mean, std, confidence) => {
          const up = confirmWithTransformer({ ...long, confidence }, forecast(mean, std));
          const down = confirmWithTransformer({ ...short, confidence }, forecast(-mean, std));
          expect(up.confidence).toBeGreaterThanOrEqual(confidence);
          expect(up.confidence).toBeLessThanOrEqual(V73_PARAMETERS.maxConfidence);
          expect({ ...down, meanReturn: 0 }).toEqual({ ...up, meanReturn: 0 });
          if (up.confirmed) {
            expect(up.tp).toBeGreaterThanOrEqual(V73_PARAMETERS.tpFloor);
            expect(up.sl).toBeGreaterThanOrEqual(V73_PARAMETERS.slFloor);
          }
        },
      ),
    );
  });
});
