import { sharpeRatio } from '@cryptosignal/metrics';
import { describe, expect, it } from 'vitest';
import { F_GATE_SPEC, MARKET_GATE_SPEC, sweepGate, thresholdRange } from '../src/index.js';
import { DAY, rec, T0 } from './fixtures.js';

describe('F gate sweep', () => {
  const spec = { ...F_GATE_SPEC, thresholds: [-10, 0, 10], currentThreshold: -10, minTrades: 2 };
  const records = [
    rec({ inputs: { fDir: -20 }, pnlPct: -0.02, closeMs: T0 }),
    rec({ inputs: { fDir: -5 }, pnlPct: -0.01, closeMs: T0 + DAY }),
    rec({ inputs: { fDir: 0 }, pnlPct: 0.01, closeMs: T0 + 2 * DAY }),
    rec({ inputs: { fDir: 5 }, pnlPct: 0.02, closeMs: T0 + 3 * DAY }),
    rec({ inputs: { fDir: 15 }, pnlPct: 0.005, closeMs: T0 + 4 * DAY }),
    rec({ inputs: { fDir: 12 }, pnlPct: -0.004, closeMs: T0 + 4 * DAY }),
    // Rejected by the F gate only (a shadow trade): the F threshold decides it, so it counts.
    rec({ inputs: { fDir: -8 }, pnlPct: -0.03, closeMs: T0 + 5 * DAY, rejectedBy: ['gate2_f'] }),
    // Rejected by another gate: blocked whatever F's threshold is, so it does not count.
    rec({ inputs: { fDir: 30 }, pnlPct: 0.5, closeMs: T0 + 5 * DAY, rejectedBy: ['gate3_market'] }),
    // F unavailable: no threshold decides it.
    rec({ inputs: { fDir: undefined }, pnlPct: 0.5, closeMs: T0 + 6 * DAY }),
  ];

  it('computes every row by hand and picks the best Sharpe proxy', () => {
    const r = sweepGate(spec, records);
    expect(r.eligible).toBe(7);
    expect(r.all_results.map((x) => [x.threshold, x.n])).toEqual([
      [-10, 6],
      [0, 4],
      [10, 2],
    ]);
    // t = −10: −0.01 + 0.01 + 0.02 + 0.005 − 0.004 − 0.03 = −0.009 over 6 → mean −0.0015, proxy −0.0015·√6.
    const [a, b, c] = r.all_results;
    expect(a!.mean_pnl).toBeCloseTo(-0.0015, 12);
    expect(a!.sharpe_proxy).toBeCloseTo(-0.0015 * Math.sqrt(6), 12);
    expect(a!.win_rate).toBeCloseTo(3 / 6, 12);
    // t = 0: 0.031 over 4 → 0.00775, proxy 0.0155; t = 10: 0.001 over 2 → 0.0005, proxy 0.0005·√2.
    expect(b!.sharpe_proxy).toBeCloseTo(0.0155, 12);
    expect(b!.win_rate).toBe(0.75);
    expect(c!.sharpe_proxy).toBeCloseTo(0.0005 * Math.SQRT2, 12);
    expect(r.optimal_threshold).toBe(0);
    expect(r.current_threshold).toBe(-10);
    expect(r.improvement).toMatchObject({ n: 4, win_rate: 0.75 });
    expect(r.improvement!.delta_sharpe_proxy).toBeCloseTo(0.0155 + 0.0015 * Math.sqrt(6), 12);
    // Annual Sharpe of t = 0: daily sums over the eligible span T0 … T0 + 5d (6 days).
    const daily = [0, 0, 0.01, 0.02, 0.001, 0];
    expect(b!.sharpe_annual).toBeCloseTo(sharpeRatio(daily, { periodsPerYear: 365 })!, 12);
  });

  it('skips thresholds with too few trades and reports them', () => {
    const r = sweepGate({ ...spec, minTrades: 3 }, records);
    expect(r.all_results.map((x) => x.threshold)).toEqual([-10, 0]);
    expect(r.skipped).toEqual([{ threshold: 10, n: 2 }]);
  });

  it('returns no optimum when no threshold has enough trades', () => {
    const r = sweepGate(F_GATE_SPEC, records);
    expect(F_GATE_SPEC.thresholds).toEqual(thresholdRange(-30, 5, 5));
    expect(F_GATE_SPEC.thresholds).toEqual([-30, -25, -20, -15, -10, -5, 0, 5]);
    expect(r).toMatchObject({ optimal_threshold: null, improvement: null, all_results: [] });
    expect(r.skipped).toHaveLength(8);
  });
});

describe('market gate sweep', () => {
  const spec = { ...MARKET_GATE_SPEC, thresholds: [20, 30, 40], minTrades: 2 };
  const adverse = { marketRegime: -50, side: 'long' as const };
  const records = [
    rec({ inputs: { ...adverse, independence: 10 }, pnlPct: -0.02 }),
    rec({ inputs: { ...adverse, independence: 15 }, pnlPct: -0.01 }),
    rec({ inputs: { ...adverse, independence: 25 }, pnlPct: 0.01 }),
    rec({ inputs: { ...adverse, independence: 35 }, pnlPct: -0.03 }),
    rec({ inputs: { ...adverse, independence: 45 }, pnlPct: 0.02 }),
    rec({ inputs: { marketRegime: 50, side: 'short', independence: 12 }, pnlPct: -0.03 }),
    // With the market, not adverse: not the market gate's business.
    rec({ inputs: { marketRegime: 50, side: 'long', independence: 5 }, pnlPct: -0.05 }),
  ];

  it('describes the adverse trades each threshold rejects and picks the most reliably losing group', () => {
    const r = sweepGate(spec, records);
    expect(r.population).toBe('rejected');
    expect(r.eligible).toBe(6);
    // mean·√n = Σ/√n. I < 20: −0.02, −0.01, −0.03 → −0.06/√3 = −0.0346; I < 30: + 0.01 → −0.05/√4 = −0.025;
    // I < 40: + −0.03 → −0.08/√5 = −0.0358, the lowest.
    expect(r.all_results.map((x) => x.sharpe_proxy)).toEqual([
      expect.closeTo(-0.06 / Math.sqrt(3), 12),
      expect.closeTo(-0.05 / 2, 12),
      expect.closeTo(-0.08 / Math.sqrt(5), 12),
    ]);
    expect(r.optimal_threshold).toBe(40);
  });

  it('never recommends rejecting a group that makes money', () => {
    const winners = records.map((x) => ({ ...x, pnlPct: Math.abs(x.pnlPct) }));
    expect(sweepGate(spec, winners).optimal_threshold).toBeNull();
  });
});
