import { describe, expect, it } from 'vitest';
import {
  annualReturn,
  calmarRatio,
  exposure,
  finiteOrNull,
  grossPnl,
  profitFactor,
  winRate,
} from '../src/index.js';

describe('profitFactor and winRate', () => {
  it('divides gross profit by gross loss', () => {
    // profit 30 + 20 = 50, loss 10 + 15 = 25 → 2.
    expect(profitFactor([30, -10, 20, -15, 0])).toBe(2);
    expect(grossPnl([30, -10, 20, -15, 0])).toEqual({ grossProfit: 50, grossLoss: 25 });
    expect(winRate([30, -10, 20, -15, 0])).toBeCloseTo(0.4, 12);
  });

  it('returns Infinity without losses, null without profit or loss, and JSON gets null', () => {
    expect(profitFactor([1, 2])).toBe(Number.POSITIVE_INFINITY);
    expect(finiteOrNull(profitFactor([1, 2]))).toBeNull();
    expect(profitFactor([])).toBeNull();
    expect(profitFactor([0, 0])).toBeNull();
    expect(profitFactor([-1])).toBe(0);
    expect(winRate([])).toBeNull();
  });
});

describe('exposure', () => {
  it('measures the union of open intervals over the period', () => {
    // [0,10] ∪ [5,20] ∪ [30,40] clipped to [0,100] → 20 + 10 = 30 %.
    const ivs = [
      { openMs: 0, closeMs: 10 },
      { openMs: 5, closeMs: 20 },
      { openMs: 30, closeMs: 40 },
      { openMs: 95, closeMs: 130 },
    ];
    expect(exposure(ivs, 0, 100)).toBeCloseTo(0.35, 12);
    expect(exposure([], 0, 100)).toBe(0);
    expect(exposure(ivs, 5, 5)).toBeNull();
  });
});

describe('annualReturn and calmarRatio', () => {
  it('compounds over a 365-day year', () => {
    const year = 365 * 86_400_000;
    expect(annualReturn(1000, 1210, 0, 2 * year)).toBeCloseTo(0.1, 12);
    expect(annualReturn(1000, 1100, 0, year / 2)).toBeCloseTo(0.21, 12);
    expect(annualReturn(1000, -5, 0, year)).toBe(-1);
    expect(annualReturn(1000, 1100, 10, 10)).toBeNull();
  });

  it('divides CAGR by max drawdown, null without drawdown', () => {
    expect(calmarRatio(0.3, 0.15)).toBeCloseTo(2, 12);
    expect(calmarRatio(0.3, 0)).toBeNull();
    expect(calmarRatio(null, 0.1)).toBeNull();
  });
});
