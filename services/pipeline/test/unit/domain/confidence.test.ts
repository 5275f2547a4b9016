import { bootstrapProbability } from '@cryptosignal/calibration';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeConfidence,
  entryPriceLimit,
  expectedValueNet,
  DEFAULT_TRADE_PLAN as P,
  planTrade,
  DEFAULT_FACTOR_WEIGHTS as W,
} from '../../../src/index.js';

describe('confidence', () => {
  it('renormalises over available factors and lists the missing ones', () => {
    const c = computeConfidence({ T: 80, M: 80 }, W);
    expect(c.score).toBeCloseTo(80, 12);
    expect(c.side).toBe('long');
    expect(c.missing).toEqual(['C', 'V', 'O', 'B', 'F_v2']);
    expect(c.availableWeight).toBeCloseTo(0.45, 12);
  });

  it('is a weighted mean: bounded by the factors and signed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 7, maxLength: 7 }),
        (xs) => {
          const [T, M, C, V, O, B, F_v2] = xs as [number, number, number, number, number, number, number];
          const c = computeConfidence({ T, M, C, V, O, B, F_v2 }, W);
          expect(c.confidence).toBeLessThanOrEqual(100 + 1e-9);
          expect(c.score).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-9);
          expect(c.score).toBeLessThanOrEqual(Math.max(...xs) + 1e-9);
        },
      ),
    );
  });

  it('has no side without factors and rejects out-of-range scores', () => {
    expect(computeConfidence({}, W).side).toBeUndefined();
    expect(() => computeConfidence({ T: 101 }, W)).toThrow(/\[-100, 100\]/);
  });
});

describe('trade plan and EV', () => {
  it('applies the plan floors when ATR is small or missing', () => {
    const p = planTrade('long', 100, undefined, P);
    expect(p.tp).toBe(0.025);
    expect(p.sl).toBe(0.015);
    expect(p.tpPrice).toBeCloseTo(102.5, 12);
    expect(p.slPrice).toBeCloseTo(98.5, 12);
    const s = planTrade('short', 100, 2, P);
    expect(s.tp).toBeCloseTo(0.06, 12);
    expect(s.tpPrice).toBeCloseTo(94, 12);
  });

  it('computes EV_net = P*TP - (1-P)*SL - cost', () => {
    expect(expectedValueNet(0.5, 0.025, 0.015, 0.0012)).toBeCloseTo(0.5 * 0.025 - 0.5 * 0.015 - 0.0012, 15);
  });

  it('bootstrap probability (from @cryptosignal/calibration) is the plan map', () => {
    expect(bootstrapProbability(0)).toBeCloseTo(0.4, 12);
    expect(bootstrapProbability(60)).toBeCloseTo(0.58, 12);
    expect(bootstrapProbability(100)).toBeCloseTo(0.7, 12);
  });

  it('places the entry limit beyond the close by the offset, or none for a market order', () => {
    expect(entryPriceLimit('long', 100, undefined)).toBeUndefined();
    expect(entryPriceLimit('long', 100, 10)).toBeCloseTo(100.1, 12);
    expect(entryPriceLimit('short', 100, 10)).toBeCloseTo(99.9, 12);
    expect(() => entryPriceLimit('long', 100, -1)).toThrow(/offset/);
  });
});
