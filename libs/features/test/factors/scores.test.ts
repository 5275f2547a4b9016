import { InvariantViolation } from '@cryptosignal/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratio, squash } from '../../src/factors/math.js';
import {
  fundingScore,
  fundLeadingScore,
  momentumScore,
  openInterestScore,
  priceDirection,
} from '../../src/factors/scores.js';

const finite = fc.double({ noNaN: true });

describe('squash and ratio', () => {
  it('squash is odd, bounded by 100 and ≈ 76 at one scale', () => {
    fc.assert(
      fc.property(finite, fc.double({ min: 1e-9, max: 1e9, noNaN: true }), (x, scale) => {
        const s = squash(x, scale);
        expect(Math.abs(s)).toBeLessThanOrEqual(100);
        expect(squash(-x, scale)).toBe(-s);
      }),
    );
    expect(squash(2, 2)).toBeCloseTo(76.16, 2);
    expect(squash(Number.POSITIVE_INFINITY, 1)).toBe(100);
    expect(() => squash(Number.NaN, 1)).toThrow(InvariantViolation);
  });

  it('ratio maps a zero denominator to 0 or ±Infinity, never NaN', () => {
    expect(ratio(0, 0)).toBe(0);
    expect(ratio(3, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(ratio(-3, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(ratio(3, 2)).toBe(1.5);
  });
});

describe('factor signs (positive = bullish)', () => {
  it('M follows the volatility-normalised move', () => {
    expect(momentumScore(0.02, 0.005, 12, 1.5)).toBeCloseTo(
      100 * Math.tanh(0.02 / (0.005 * Math.sqrt(12)) / 1.5),
      12,
    );
    expect(momentumScore(-0.02, 0.005, 12, 1.5)).toBeLessThan(0);
    expect(momentumScore(0.01, 0, 12, 1.5)).toBe(100);
    expect(momentumScore(0, 0, 12, 1.5)).toBe(0);
  });

  it('O reads OI change with price direction (the four quadrants)', () => {
    const up = priceDirection(0.03, 0.005, 24);
    const down = priceDirection(-0.03, 0.005, 24);
    expect(openInterestScore(up, 0.05, 0.05)).toBeGreaterThan(0); // new longs
    expect(openInterestScore(down, 0.05, 0.05)).toBeLessThan(0); // new shorts
    expect(openInterestScore(up, -0.05, 0.05)).toBeLessThan(0); // short covering
    expect(openInterestScore(down, -0.05, 0.05)).toBeGreaterThan(0); // long liquidation
  });

  it('B is contrarian around the exchange baseline', () => {
    expect(Math.abs(fundingScore(0.0001, 0.0001, 0.0003))).toBe(0);
    expect(fundingScore(0.001, 0.0001, 0.0003)).toBeLessThan(-95);
    expect(fundingScore(-0.0005, 0.0001, 0.0003)).toBeGreaterThan(90);
  });

  it('F_v2 is positive when flow leads price up, negative when price ran ahead of flow, and bounded', () => {
    const scales = { flowScale: 0.15, oiScale: 0.03, priceScale: 1.5 };
    expect(fundLeadingScore({ flowImbalance: 0.2, oiLogChange: 0.02, priceZ: 0 }, scales)).toBeGreaterThan(
      20,
    );
    expect(fundLeadingScore({ flowImbalance: 0, oiLogChange: 0, priceZ: 2 }, scales)).toBeLessThan(-30);
    expect(fundLeadingScore({ flowImbalance: 0.2, oiLogChange: 0.05, priceZ: 0 }, scales)).toBeGreaterThan(
      fundLeadingScore({ flowImbalance: 0.2, oiLogChange: -0.05, priceZ: 0 }, scales),
    );
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), finite, finite, (flow, oi, z) => {
        const f = fundLeadingScore({ flowImbalance: flow, oiLogChange: oi, priceZ: z }, scales);
        expect(f).toBeGreaterThanOrEqual(-100);
        expect(f).toBeLessThanOrEqual(100);
      }),
    );
  });
});
