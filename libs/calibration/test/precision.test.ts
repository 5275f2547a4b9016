import { describe, expect, it } from 'vitest';
import type { CalibrationTrade } from '../src/index.js';
import { measureCalibrationPrecision, PLAN_CLAIMED_ABS_ERROR } from '../src/index.js';
import { makeTrades } from './trade-builders.js';

describe('measureCalibrationPrecision', () => {
  const report = measureCalibrationPrecision(makeTrades(6000, 11), { testWindowSize: 250 });

  it('walks forward and groups folds by the stage the calibrator was in', () => {
    expect(report.stages.map((s) => s.method)).toEqual(['bootstrap', 'buckets10', 'buckets20', 'isotonic']);
    expect(report.stages.map((s) => s.folds)).toEqual([2, 2, 16, 4]);
    expect(report.folds).toHaveLength(24);
    const [boot, b10, b20, iso] = report.stages;
    expect([boot!.trainSamplesMin, boot!.trainSamplesMax]).toEqual([0, 250]);
    expect([b10!.trainSamplesMin, b10!.trainSamplesMax]).toEqual([500, 750]);
    expect([b20!.trainSamplesMin, b20!.trainSamplesMax]).toEqual([1000, 4750]);
    expect([iso!.trainSamplesMin, iso!.trainSamplesMax]).toEqual([5000, 5750]);
    expect(iso!.claimedAbsError).toBe(PLAN_CLAIMED_ABS_ERROR.isotonic);
  });

  it('scores every fold strictly out of sample', () => {
    for (const fold of report.folds) {
      expect(fold.testFromMs).toBeGreaterThan(fold.asOfMs);
      expect(fold.testSamples).toBe(250);
    }
  });

  it('shows the fitted stages beating the bootstrap map when the true curve differs from it', () => {
    for (const stage of report.stages.slice(2)) {
      expect(stage.meanAbsError!).toBeLessThan(stage.bootstrapMeanAbsError!);
      expect(stage.noiseFloor!).toBeGreaterThan(0);
    }
    const boot = report.stages[0]!;
    expect(boot.meanAbsError).toBe(boot.bootstrapMeanAbsError);
  });

  it('shows that a ±2 % precision is below the noise floor of 500-trade windows', () => {
    const wide = measureCalibrationPrecision(makeTrades(8000, 11), { testWindowSize: 500 });
    for (const stage of wide.stages) {
      expect(stage.folds).toBeGreaterThan(0);
      expect(stage.noiseFloor!).toBeGreaterThan(0.04);
      expect(stage.meanAbsError!).toBeGreaterThan(PLAN_CLAIMED_ABS_ERROR.isotonic);
    }
    const [boot, , b20, iso] = wide.stages;
    expect(b20!.meanAbsError!).toBeLessThan(boot!.meanAbsError! - 0.03);
    expect(iso!.meanAbsError!).toBeLessThan(boot!.meanAbsError! - 0.03);
  });

  it('measures exactly on a hand-checkable series', () => {
    const trades = Array.from(
      { length: 1000 },
      (_, i): CalibrationTrade => ({
        confidence: 50,
        outcome: i % 2 === 0 ? 'win' : 'loss',
        closeMs: i,
      }),
    );
    const exact = measureCalibrationPrecision(trades, { testWindowSize: 100 });
    for (const fold of exact.folds) expect(fold.bootstrapMeanAbsError).toBeCloseTo(0.05, 12);
    const b10 = exact.stages[1]!;
    expect(b10.folds).toBe(7);
    expect(b10.meanAbsError).toBeCloseTo(0, 12);
    expect(b10.noiseFloor).toBeCloseTo(Math.sqrt(2 / Math.PI) * Math.sqrt(0.25 / 100), 12);
    expect(exact.stages[3]).toMatchObject({ folds: 0, meanAbsError: null, trainSamplesMin: null });
  });

  it('never lets a test window share a close time with the training set', () => {
    const paired = makeTrades(800, 5).map((t, i) => ({ ...t, closeMs: Math.floor(i / 2) }));
    const tied = measureCalibrationPrecision(paired, { testWindowSize: 99 });
    expect(tied.folds.length).toBeGreaterThan(3);
    for (const fold of tied.folds) {
      expect(fold.testFromMs).toBeGreaterThan(fold.asOfMs);
      expect(fold.trainSamples).toBe(paired.filter((t) => t.closeMs <= fold.asOfMs).length);
    }
  });

  it('handles no trades and rejects bad options', () => {
    const empty = measureCalibrationPrecision([]);
    expect(empty.folds).toEqual([]);
    expect(empty.stages.every((s) => s.folds === 0 && s.meanAbsError === null)).toBe(true);
    expect(() => measureCalibrationPrecision([], { testWindowSize: 0 })).toThrow(/testWindowSize/);
  });
});
