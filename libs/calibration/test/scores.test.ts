import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbabilityOutcome } from '../src/index.js';
import {
  brierDecomposition,
  brierScore,
  brierSkillScore,
  expectedCalibrationError,
  interpretBrier,
  LOG_LOSS_EPSILON,
  logLoss,
  winRatePredictionError,
} from '../src/index.js';
import { loadSklearnFixtures } from './sklearn-fixtures.js';

const toItems = (y: readonly number[], p: readonly number[]): ProbabilityOutcome[] =>
  y.map((o, i) => ({ p: p[i]!, outcome: o === 1 ? 1 : 0 }));

const items = fc.array(
  fc.record({
    p: fc.double({ min: 0, max: 1, noNaN: true }),
    outcome: fc.constantFrom(0 as const, 1 as const),
  }),
  { minLength: 1, maxLength: 300 },
);

describe('Brier score and log loss against scikit-learn', () => {
  const { scores } = loadSklearnFixtures();
  for (const c of scores) {
    it(`matches brier_score_loss and log_loss on ${c.name} (n=${c.y.length})`, () => {
      const data = toItems(c.y, c.p);
      expect(Math.abs(brierScore(data)! - c.brier)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(logLoss(data, Number.EPSILON)! - c.log_loss)).toBeLessThanOrEqual(1e-12);
      const atDefault = c.log_loss_eps_1e15 ?? c.log_loss;
      expect(Math.abs(logLoss(data)! - atDefault)).toBeLessThanOrEqual(1e-12);
    });
  }
});

describe('hand-computed cases', () => {
  const four = toItems([1, 0, 1, 1], [0.9, 0.2, 0.6, 0.5]);

  it('scores four trades', () => {
    expect(brierScore(four)).toBeCloseTo((0.01 + 0.04 + 0.16 + 0.25) / 4, 15);
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.5)) / 4;
    expect(logLoss(four)).toBeCloseTo(expected, 15);
    expect(winRatePredictionError(four)).toBeCloseTo(0.55 - 0.75, 15);
  });

  it('clips predictions of exactly 0 or 1 in the log loss at 1e-15', () => {
    expect(LOG_LOSS_EPSILON).toBe(1e-15);
    expect(logLoss([{ p: 0, outcome: 1 }])).toBeCloseTo(-Math.log(1e-15), 12);
    // 1 − 1e-15 is not exact in binary64, so a confident miss at p = 1 costs −ln(1 − fl(1 − 1e-15)).
    expect(logLoss([{ p: 1, outcome: 0 }])).toBeCloseTo(-Math.log(1 - (1 - 1e-15)), 12);
    expect(logLoss([{ p: 1, outcome: 1 }])).toBeLessThan(2e-15);
    expect(logLoss([{ p: 0, outcome: 1 }], Number.EPSILON)).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    expect(() => logLoss([], 0)).toThrow(/epsilon/);
  });

  it('computes ECE as the count-weighted gap per bin', () => {
    const data = [
      ...toItems([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]),
      ...toItems([1, 1, 0, 0], [0.75, 0.75, 0.75, 0.75]),
    ];
    expect(expectedCalibrationError(data)).toBeCloseTo(0.5 * 0 + 0.5 * 0.25, 15);
    expect(expectedCalibrationError(data, 1)).toBeCloseTo(Math.abs(0.5 - 0.375), 15);
  });

  it('decomposes a single-bin forecast exactly (no residual)', () => {
    const data = toItems([1, 1, 0, 1, 0], [0.6, 0.6, 0.6, 0.6, 0.6]);
    const d = brierDecomposition(data)!;
    expect(d.reliability).toBeCloseTo(0, 15);
    expect(d.resolution).toBe(0);
    expect(d.uncertainty).toBeCloseTo(0.24, 15);
    expect(d.residual).toBe(0);
    expect(brierScore(data)).toBeCloseTo(d.reliability - d.resolution + d.uncertainty, 15);
  });

  it('uses the plan bands', () => {
    expect([0, 0.0999, 0.1, 0.1499, 0.15, 0.1999, 0.2, 0.25].map(interpretBrier)).toEqual([
      'excellent',
      'excellent',
      'good',
      'good',
      'fair',
      'fair',
      'poor',
      'poor',
    ]);
  });
});

describe('edge cases', () => {
  it('returns null for no trades', () => {
    expect(brierScore([])).toBeNull();
    expect(brierDecomposition([])).toBeNull();
    expect(brierSkillScore([])).toBeNull();
    expect(logLoss([])).toBeNull();
    expect(expectedCalibrationError([])).toBeNull();
    expect(winRatePredictionError([])).toBeNull();
  });

  it('handles all wins: no uncertainty, no resolution, skill undefined', () => {
    const data = toItems([1, 1, 1], [0.5, 0.7, 0.9]);
    const d = brierDecomposition(data)!;
    expect(d.uncertainty).toBe(0);
    expect(d.resolution).toBe(0);
    expect(brierSkillScore(data)).toBeNull();
    expect(brierScore(data)).toBeCloseTo((0.25 + 0.09 + 0.01) / 3, 15);
  });

  it('rejects invalid predictions and outcomes', () => {
    expect(() => brierScore([{ p: 1.2, outcome: 1 }])).toThrow(/item 0/);
    expect(() => brierScore([{ p: 0.5, outcome: 2 as 1 }])).toThrow(/outcome/);
    expect(() => brierDecomposition([{ p: 0.5, outcome: 1 }], 0)).toThrow(/bins/);
  });
});

describe('properties', () => {
  it('Brier score lies in [0, 1]', () => {
    fc.assert(
      fc.property(items, (data) => {
        const score = brierScore(data)!;
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('Brier = reliability − resolution + uncertainty + residual, for any bin count', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 25 }), (data, bins) => {
        const d = brierDecomposition(data, bins)!;
        const sum = d.reliability - d.resolution + d.uncertainty + d.residual;
        expect(Math.abs(brierScore(data)! - sum)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('has no residual when every forecast in a bin is the same value', () => {
    const binned = fc.array(
      fc.record({
        p: fc.constantFrom(0.05, 0.35, 0.55, 0.95),
        outcome: fc.constantFrom(0 as const, 1 as const),
      }),
      { minLength: 1, maxLength: 200 },
    );
    fc.assert(
      fc.property(binned, (data) => {
        expect(Math.abs(brierDecomposition(data)!.residual)).toBeLessThan(1e-15);
      }),
    );
  });

  it('skill score equals 1 − Brier / uncertainty', () => {
    fc.assert(
      fc.property(items, (data) => {
        const d = brierDecomposition(data)!;
        const skill = brierSkillScore(data);
        if (d.uncertainty === 0) expect(skill).toBeNull();
        else expect(skill!).toBeCloseTo(1 - brierScore(data)! / d.uncertainty, 10);
      }),
    );
  });
});
