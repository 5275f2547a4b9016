import { EIGHT_HOURS_MS as E, HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { chargeFunding, DEFAULT_FILL_COSTS, settleTrade } from '../../../src/index.js';

const history = [0, 1, 2, 3].map((k) => ({ timeMs: k * E, rate: 0.0001 }));

describe('funding', () => {
  it('a long pays and a short receives a positive rate at each funding time crossed', () => {
    const long = chargeFunding('long', E - HOUR_MS, 2 * E + HOUR_MS, history, 0.0001);
    expect(long).toEqual({ costBps: 2, events: 2, source: 'history' });
    const short = chargeFunding('short', E - HOUR_MS, 2 * E + HOUR_MS, history, 0.0001);
    expect(short.costBps).toBeCloseTo(-2, 12);
  });

  it('charges nothing when no funding time is crossed, from history', () => {
    expect(chargeFunding('long', E + 1, E + 2 * HOUR_MS, history, 0.0001)).toEqual({
      costBps: 0,
      events: 0,
      source: 'history',
    });
  });

  it('charges the assumed rate and flags it when history has a hole', () => {
    const holed = [history[0]!, history[3]!];
    const c = chargeFunding('long', E - HOUR_MS, 2 * E + HOUR_MS, holed, 0.0001);
    expect(c).toEqual({ costBps: 2, events: 2, source: 'assumed' });
    expect(chargeFunding('long', 10 * E, 10 * E + 9 * HOUR_MS, [], 0.0001).source).toBe('assumed');
  });
});

describe('settlement', () => {
  const base = {
    side: 'long' as const,
    notionalUsdt: 1_000,
    entryPrice: 100,
    entryTimeMs: 0,
    entryCosts: DEFAULT_FILL_COSTS,
    exitPrice: 103,
    exitTimeMs: 2 * HOUR_MS - 1,
    exitReason: 'tp' as const,
    exitCosts: DEFAULT_FILL_COSTS,
    funding: { costBps: 1, events: 1, source: 'history' as const },
    breakevenBand: 0.0005,
  };

  it('charges the fee exactly once per fill and funding once', () => {
    const s = settleTrade(base);
    const entryEff = 100 * 1.0002;
    const exitEff = 103 * 0.9998;
    expect(s.pnlPct).toBeCloseTo((exitEff - entryEff) / entryEff - (5 + 5 + 1) / 10_000, 12);
    expect(s.totalCostBps).toBeCloseTo(7 + 7 + 1, 12);
    expect(s.pnlUsdt).toBeCloseTo(s.pnlPct * 1_000, 9);
    expect(s.holdHours).toBe(2);
    expect(s.outcome).toBe('win');
  });

  it('a short profits from a fall and the breakeven band catches tiny results', () => {
    expect(settleTrade({ ...base, side: 'short', exitPrice: 97 }).outcome).toBe('win');
    const flat = settleTrade({
      ...base,
      exitPrice: 100.14,
      funding: { costBps: 0, events: 0, source: 'history' },
    });
    expect(Math.abs(flat.pnlPct)).toBeLessThan(0.0005);
    expect(flat.outcome).toBe('breakeven');
  });
});
