import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  deflatedSharpeOfSweep,
  deflatedSharpeRatio,
  expectedMaxSharpe,
  F_GATE_SPEC,
  type GateTradeRecord,
  probabilisticSharpeRatio,
  sweepGate,
} from '../src/index.js';
import { DAY, rec, T0 } from './fixtures.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/reference.json', import.meta.url), 'utf8')) as {
  returns: number[];
  trial_sharpes: number[];
  dsr: { sharpe: number; skewness: number; kurtosis: number; sr0: number; dsr: number };
};

describe('deflated Sharpe ratio', () => {
  it('reproduces the numerical example of Bailey & López de Prado (2014)', () => {
    // SR 2.5 a year on daily data (√250 in the paper), T = 1,250, N = 100 trials, V[SR] = 1/2 a year,
    // skewness −3, kurtosis 10: SR₀ ≈ 0.1132 per day and DSR ≈ 0.9004.
    const sr0 = expectedMaxSharpe(100, 0.5 / 250);
    expect(sr0).toBeCloseTo(0.1132, 4);
    const dsr = probabilisticSharpeRatio({
      sharpe: 2.5 / Math.sqrt(250),
      benchmarkSharpe: sr0,
      n: 1250,
      skewness: -3,
      kurtosis: 10,
    });
    expect(dsr).toBeCloseTo(0.9004, 3);
  });

  it('matches an independent scipy implementation', () => {
    const d = deflatedSharpeRatio(ref.returns, ref.trial_sharpes)!;
    expect(d.sharpe).toBeCloseTo(ref.dsr.sharpe, 12);
    expect(d.skewness).toBeCloseTo(ref.dsr.skewness, 12);
    expect(d.kurtosis).toBeCloseTo(ref.dsr.kurtosis, 12);
    expect(d.expected_max_sharpe).toBeCloseTo(ref.dsr.sr0, 12);
    expect(d.deflated_sharpe).toBeCloseTo(ref.dsr.dsr, 12);
  });

  it('does not deflate a single trial and gives 0.5 at the benchmark', () => {
    expect(expectedMaxSharpe(1, 0.3)).toBe(0);
    expect(
      probabilisticSharpeRatio({ sharpe: 0.1, benchmarkSharpe: 0.1, n: 100, skewness: 0, kurtosis: 3 }),
    ).toBe(0.5);
    expect(deflatedSharpeRatio([0.01], [0.1])).toBeNull();
  });

  it('penalises more trials (property: SR₀ grows with N)', () => {
    let prev = 0;
    for (const n of [2, 5, 10, 50, 100, 1000]) {
      const sr0 = expectedMaxSharpe(n, 0.01);
      expect(sr0).toBeGreaterThan(prev);
      prev = sr0;
    }
  });
});

describe('deflatedSharpeOfSweep', () => {
  it('deflates the winner of a sweep by the thresholds evaluated', () => {
    const records: GateTradeRecord[] = [];
    for (let i = 0; i < 400; i++) {
      const fDir = -30 + (i % 40);
      const pnlPct = (0.0005 * (fDir + 15)) / 10 + Math.sin(i * 7.1) * 0.01;
      records.push(
        rec({ signalId: `s${i}`, inputs: { fDir }, pnlPct, closeMs: T0 + Math.floor(i / 4) * DAY }),
      );
    }
    const sweep = sweepGate(F_GATE_SPEC, records);
    const d = deflatedSharpeOfSweep(F_GATE_SPEC, records, sweep)!;
    expect(d.trials).toBe(sweep.all_results.length);
    expect(d.expected_max_sharpe).toBeGreaterThan(0);
    expect(d.deflated_sharpe).toBeGreaterThanOrEqual(0);
    expect(d.deflated_sharpe).toBeLessThanOrEqual(1);
    const plain = probabilisticSharpeRatio({
      sharpe: d.sharpe,
      benchmarkSharpe: 0,
      n: d.n,
      skewness: d.skewness,
      kurtosis: d.kurtosis,
    })!;
    expect(d.deflated_sharpe).toBeLessThan(plain);
  });
});
