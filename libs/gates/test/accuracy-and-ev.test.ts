import { describe, expect, it } from 'vitest';
import { directionalF, evCalibration, gateFilteringAccuracy, isAdverse } from '../src/index.js';
import { rec } from './fixtures.js';

describe('gateFilteringAccuracy', () => {
  it('measures the bad share among the shadow trades each gate rejected', () => {
    const records = [
      rec({ pnlPct: 0.01 }),
      rec({ pnlPct: 0.02 }),
      rec({ pnlPct: -0.01 }),
      rec({ pnlPct: 0 }),
      rec({ pnlPct: -0.01, rejectedBy: ['gate2_f'] }),
      rec({ pnlPct: 0, rejectedBy: ['gate2_f'] }),
      rec({ pnlPct: 0.02, rejectedBy: ['gate2_f', 'gate3_market'] }),
    ];
    const r = gateFilteringAccuracy(records);
    expect(r.executed).toBe(4);
    expect(r.base_bad_rate).toBe(0.5);
    const [g1, g2, g3] = r.gates;
    expect(g1).toMatchObject({ gate: 'gate1_data_quality', rejected: 0, accuracy: null, accuracy_ci: null });
    expect(g2).toMatchObject({ gate: 'gate2_f', rejected: 3, bad: 2 });
    expect(g2!.accuracy).toBeCloseTo(2 / 3, 12);
    expect(g2!.avoided_pnl).toBeCloseTo(-0.01, 12);
    expect(g3).toMatchObject({ rejected: 1, bad: 0, accuracy: 0 });
  });
});

describe('evCalibration', () => {
  it('buckets predicted EV and compares with realised PnL', () => {
    const records = [
      rec({ inputs: { predictedEv: 0.003 }, pnlPct: 0.001 }),
      rec({ inputs: { predictedEv: 0.001 }, pnlPct: 0 }),
      rec({ inputs: { predictedEv: 0.004 }, pnlPct: 0.005 }),
      rec({ inputs: { predictedEv: 0.002 }, pnlPct: 0.002 }),
    ];
    const c = evCalibration(records, 2);
    expect(c.buckets).toHaveLength(2);
    expect(c.buckets[0]).toMatchObject({ lo: 0.001, hi: 0.002, n: 2, win_rate: 0.5 });
    expect(c.buckets[0]!.predicted_mean).toBeCloseTo(0.0015, 12);
    expect(c.buckets[0]!.realised_mean).toBeCloseTo(0.001, 12);
    expect(c.buckets[1]!.realised_mean).toBeCloseTo(0.003, 12);
    expect(c.bias).toBeCloseTo(-0.0005, 12);
    expect(c.weighted_abs_error).toBeCloseTo(0.0005, 12);
    // Σ(dx·dy) = 7e-6, Σdx² = 5e-6 → slope 1.4.
    expect(c.slope).toBeCloseTo(1.4, 10);
  });

  it('handles no trade and rejects a bad bucket count', () => {
    expect(evCalibration([])).toMatchObject({ n: 0, buckets: [], bias: null, slope: null });
    expect(() => evCalibration([], 0)).toThrow(/bucketCount/);
  });
});

describe('record helpers', () => {
  it('derives F_dir and adversity', () => {
    expect(directionalF(20, 'long')).toBe(20);
    expect(directionalF(20, 'short')).toBe(-20);
    expect(directionalF(undefined, 'short')).toBeUndefined();
    const base = rec().gateInputs;
    expect(isAdverse({ ...base, marketRegime: -31, side: 'long' })).toBe(true);
    expect(isAdverse({ ...base, marketRegime: -30, side: 'long' })).toBe(false);
    expect(isAdverse({ ...base, marketRegime: 40, side: 'short' })).toBe(true);
    expect(isAdverse({ ...base, marketRegime: undefined })).toBe(false);
  });
});
