import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeExperiment,
  assignVariant,
  bootstrapMeanDiffCi,
  decidePromotion,
  type ExperimentTrade,
  twoProportionZTest,
  variantBucket,
  wilsonInterval,
} from '../src/index.js';

const ref = JSON.parse(readFileSync(new URL('../fixtures/reference.json', import.meta.url), 'utf8')) as {
  ztests: { wins_a: number; n_a: number; wins_b: number; n_b: number; z: number; p_value: number }[];
  wilson: { successes: number; n: number; lo: number; hi: number }[];
};

describe('variant assignment', () => {
  it('is stable for a signal and salted by the experiment', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (signalId, exp) => {
        expect(assignVariant(signalId, exp)).toBe(assignVariant(signalId, exp));
        const b = variantBucket(exp, signalId);
        expect(b >= 0 && b < 10_000 && Number.isInteger(b)).toBe(true);
      }),
    );
  });

  it('is balanced and honours the split', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `sig-${i}`);
    const half = ids.filter((id) => assignVariant(id, 'exp-gates-1') === 'treatment').length / ids.length;
    // σ of a share over 10,000 draws is 0.005: ±0.02 is 4σ.
    expect(Math.abs(half - 0.5)).toBeLessThan(0.02);
    const fifth =
      ids.filter((id) => assignVariant(id, 'exp-gates-1', 0.2) === 'treatment').length / ids.length;
    expect(Math.abs(fifth - 0.2)).toBeLessThan(0.016);
    // A different experiment reshuffles: agreement with the first is ~50 %, not 100 %.
    const same = ids.filter(
      (id) => assignVariant(id, 'exp-gates-1') === assignVariant(id, 'exp-gates-2'),
    ).length;
    expect(Math.abs(same / ids.length - 0.5)).toBeLessThan(0.02);
    expect(assignVariant('x', 'e', 0)).toBe('control');
    expect(assignVariant('x', 'e', 1)).toBe('treatment');
  });
});

describe('tests and intervals', () => {
  it('matches statsmodels proportions_ztest', () => {
    for (const t of ref.ztests) {
      const r = twoProportionZTest(t.wins_a, t.n_a, t.wins_b, t.n_b)!;
      expect(r.z).toBeCloseTo(t.z, 12);
      expect(r.p_value).toBeCloseTo(t.p_value, 12);
    }
    expect(twoProportionZTest(0, 0, 1, 2)).toBeNull();
    expect(twoProportionZTest(0, 10, 0, 10)).toBeNull();
  });

  it('matches statsmodels proportion_confint(method="wilson")', () => {
    for (const w of ref.wilson) {
      const ci = wilsonInterval(w.successes, w.n)!;
      expect(ci.lo).toBeCloseTo(w.lo, 12);
      expect(ci.hi).toBeCloseTo(w.hi, 12);
    }
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('gives a reproducible bootstrap CI of the mean difference', () => {
    const a = Array.from({ length: 80 }, (_, i) => Math.sin(i) * 0.01);
    const b = a.map((x) => x + 0.005);
    const ci = bootstrapMeanDiffCi(a, b, { seed: 5, iterations: 1000 })!;
    expect(ci).toEqual(bootstrapMeanDiffCi(a, b, { seed: 5, iterations: 1000 }));
    expect(ci.estimate).toBeCloseTo(0.005, 12);
    expect(ci.lo).toBeLessThan(0.005);
    expect(ci.hi).toBeGreaterThan(0.005);
    expect(bootstrapMeanDiffCi([], b)).toBeNull();
  });
});

function arm(n: number, winEvery: number, winPnl: number, lossPnl: number): ExperimentTrade[] {
  return Array.from({ length: n }, (_, i) =>
    i % winEvery === 0
      ? { pnlPct: winPnl + (i % 7) * 1e-4, outcome: 'win' }
      : { pnlPct: lossPnl - (i % 5) * 1e-4, outcome: 'loss' },
  );
}

describe('decidePromotion', () => {
  it('waits for the minimum sample', () => {
    const a = analyzeExperiment(arm(50, 2, 0.01, -0.01), arm(50, 2, 0.02, -0.01));
    expect(decidePromotion(a)).toMatchObject({ promote: false, reason: 'insufficient_samples' });
    expect(decidePromotion(a, { minTradesPerVariant: 40 }).reason).not.toBe('insufficient_samples');
  });

  it('promotes a significant PnL gain', () => {
    const a = analyzeExperiment(arm(300, 2, 0.01, -0.01), arm(300, 2, 0.02, -0.01), { seed: 1 });
    expect(a.control).toMatchObject({ n: 300, wins: 150, win_rate: 0.5 });
    expect(decidePromotion(a)).toMatchObject({ promote: true, reason: 'pnl_gain_significant' });
  });

  it('refuses a significantly lower win rate and a gain within noise', () => {
    const worse = analyzeExperiment(arm(300, 2, 0.01, -0.01), arm(300, 4, 0.05, -0.001));
    expect(decidePromotion(worse)).toMatchObject({ promote: false, reason: 'win_rate_significantly_worse' });
    const same = analyzeExperiment(arm(300, 2, 0.01, -0.01), arm(300, 2, 0.0101, -0.01));
    expect(decidePromotion(same)).toMatchObject({ promote: false, reason: 'no_significant_pnl_gain' });
  });
});
