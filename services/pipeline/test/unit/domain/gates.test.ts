import { describe, expect, it } from 'vitest';
import {
  checkGateThresholds,
  describeRejection,
  type GateInputs,
  runGates,
  DEFAULT_GATE_THRESHOLDS as T,
} from '../../../src/index.js';

const base: GateInputs = {
  side: 'long',
  bars: 500,
  afterGap: false,
  fV2: 10,
  independence: 50,
  marketRegime: 0,
  evNet: 0.004,
};

function reasons(i: Partial<GateInputs>) {
  return runGates({ ...base, ...i }, T).decisions.map((d) => d.reason);
}

describe('gates 1-4', () => {
  it('accepts a clean candidate and records all four decisions', () => {
    const v = runGates(base, T);
    expect(v.accepted).toBe(true);
    expect(v.decisions.map((d) => d.gate)).toEqual([
      'gate1_data_quality',
      'gate2_f',
      'gate3_market',
      'gate4_cost',
    ]);
  });

  it('gate1: fewer than 100 bars, exactly 100 bars, and a gap inside the window', () => {
    expect(reasons({ bars: 99 })[0]).toBe('INSUFFICIENT_BARS');
    expect(reasons({ bars: 100 })[0]).toBe('OK');
    expect(reasons({ bars: 40, afterGap: true })[0]).toBe('GAP_IN_WINDOW');
    expect(reasons({ bars: 100, afterGap: true })[0]).toBe('OK');
  });

  it('gate2: F_dir exactly -15 passes, just below is rejected, sign flips for shorts', () => {
    expect(reasons({ fV2: -15 })[1]).toBe('OK');
    expect(reasons({ fV2: -15.000001 })[1]).toBe('F_BELOW_THRESHOLD');
    expect(reasons({ side: 'short', fV2: 15 })[1]).toBe('OK');
    expect(reasons({ side: 'short', fV2: 15.5 })[1]).toBe('F_BELOW_THRESHOLD');
    expect(reasons({ fV2: undefined })[1]).toBe('F_UNAVAILABLE');
  });

  it('gate3: I exactly 30 passes; below 30 against the market is rejected; with the market passes', () => {
    expect(reasons({ independence: 30, marketRegime: -50 })[2]).toBe('OK');
    expect(reasons({ independence: 29.9, marketRegime: -50 })[2]).toBe('COUNTER_TREND');
    expect(reasons({ independence: 10, marketRegime: 50 })[2]).toBe('OK');
    expect(reasons({ side: 'short', independence: 10, marketRegime: 31 })[2]).toBe('COUNTER_TREND');
    expect(reasons({ side: 'short', independence: 10, marketRegime: 30 })[2]).toBe('OK');
    expect(reasons({ independence: undefined })[2]).toBe('MARKET_UNAVAILABLE');
  });

  it('gate4: EV_net exactly 0 is rejected, any positive EV passes', () => {
    expect(reasons({ evNet: 0 })[3]).toBe('EV_NOT_POSITIVE');
    expect(reasons({ evNet: 1e-12 })[3]).toBe('OK');
  });

  it('reports the first rejecting gate while still running all gates', () => {
    const v = runGates({ ...base, bars: 10, evNet: -1 }, T);
    expect(v.accepted).toBe(false);
    expect(v.rejectedBy?.gate).toBe('gate1_data_quality');
    expect(v.decisions[3]?.passed).toBe(false);
  });

  it('describes a rejection with the observed value and the threshold', () => {
    const v = runGates({ ...base, fV2: -22.1 }, T);
    expect(describeRejection(v.rejectedBy!)).toBe('F_BELOW_THRESHOLD: F_dir=-22.1 < -15');
    const ev = runGates({ ...base, evNet: 0 }, T);
    expect(describeRejection(ev.rejectedBy!)).toBe('EV_NOT_POSITIVE: EV_net=0 <= 0');
  });

  it('refuses invalid thresholds', () => {
    expect(() => checkGateThresholds({ ...T, minBars: 0 })).toThrow(/minBars/);
    expect(() => checkGateThresholds({ ...T, minIndependence: 101 })).toThrow(/minIndependence/);
    expect(() => checkGateThresholds({ ...T, minEvNet: Number.NaN })).toThrow(/minEvNet/);
  });
});
