import { describe, expect, it } from 'vitest';
import { PERIODS_PER_YEAR, periodSharpe, periodsPerYear, sharpeRatio, sortinoRatio } from '../src/index.js';

// Daily returns: mean 0.008; deviations 0.002, −0.013, 0.012, −0.008, 0.007; Σd² = 430e-6;
// sample std = √(430e-6 / 4) = √107.5e-6 = 0.0103682207; Sharpe = 0.008 / 0.0103682207 · √365 = 14.7411779.
const SERIES = [0.01, -0.005, 0.02, 0, 0.015];

describe('sharpeRatio', () => {
  it('matches the hand computation with the sample std (n−1) and √365', () => {
    expect(sharpeRatio(SERIES, { periodsPerYear: 365 })).toBeCloseTo(14.74117788989046, 10);
    expect(periodSharpe(SERIES)).toBeCloseTo(0.008 / Math.sqrt(107.5e-6), 12);
  });

  it('subtracts a per-period risk-free rate', () => {
    const sr = sharpeRatio(SERIES, { periodsPerYear: 365, riskFreePerPeriod: 0.001 });
    expect(sr).toBeCloseTo((0.007 / Math.sqrt(107.5e-6)) * Math.sqrt(365), 10);
  });

  it('annualises hourly returns with √8,760', () => {
    expect(periodsPerYear(3_600_000)).toBe(8760);
    expect(PERIODS_PER_YEAR['1h']).toBe(8760);
    const hourly = sharpeRatio(SERIES, { periodsPerYear: 8760 })!;
    expect(hourly / sharpeRatio(SERIES, { periodsPerYear: 365 })!).toBeCloseTo(Math.sqrt(24), 10);
  });

  it('returns null, not NaN, for fewer than 2 returns or zero variance', () => {
    expect(sharpeRatio([], { periodsPerYear: 365 })).toBeNull();
    expect(sharpeRatio([0.01], { periodsPerYear: 365 })).toBeNull();
    expect(sharpeRatio([0.01, 0.01, 0.01], { periodsPerYear: 365 })).toBeNull();
  });

  it('rejects non-finite returns', () => {
    expect(() => sharpeRatio([0.01, Number.NaN], { periodsPerYear: 365 })).toThrow(/finite/);
  });
});

describe('sortinoRatio', () => {
  it('uses the downside deviation over all n periods', () => {
    // Only −0.005 is below 0: DD = √(0.005² / 5) = 0.0022360680; Sortino = 0.008 / DD · √365.
    expect(sortinoRatio(SERIES, { periodsPerYear: 365 })).toBeCloseTo(68.35202996254024, 9);
  });

  it('returns null when no period is below target', () => {
    expect(sortinoRatio([0.01, 0.02], { periodsPerYear: 365 })).toBeNull();
    expect(sortinoRatio([], { periodsPerYear: 365 })).toBeNull();
  });
});
