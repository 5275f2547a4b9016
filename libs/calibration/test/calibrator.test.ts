import { describe, expect, it } from 'vitest';
import type { CalibrationTrade } from '../src/index.js';
import {
  AdaptiveCalibrator,
  bootstrapProbability,
  confidenceBucketIndex,
  DEFAULT_CALIBRATION_POLICY,
  fitCalibrationTable,
  lookupProbability,
} from '../src/index.js';
import { makeTrades } from './trade-builders.js';

const AS_OF = Date.UTC(2030, 0, 1);

describe('bootstrap map', () => {
  it('is P = clamp(0.40 + confidence/100 × 0.30, 0.35, 0.75)', () => {
    expect(bootstrapProbability(0)).toBeCloseTo(0.4, 15);
    expect(bootstrapProbability(50)).toBeCloseTo(0.55, 15);
    expect(bootstrapProbability(100)).toBeCloseTo(0.7, 15);
    expect(() => bootstrapProbability(100.5)).toThrow(RangeError);
    expect(() => bootstrapProbability(Number.NaN)).toThrow(RangeError);
  });

  it('puts confidence 100 in the last bucket and bucket edges in the upper bucket', () => {
    expect(confidenceBucketIndex(100, 10)).toBe(9);
    expect(confidenceBucketIndex(30, 10)).toBe(3);
    expect(confidenceBucketIndex(29.999, 10)).toBe(2);
    expect(confidenceBucketIndex(35, 20)).toBe(7);
    expect(confidenceBucketIndex(0, 20)).toBe(0);
  });
});

describe('stage transitions', () => {
  const cases: [number, string][] = [
    [0, 'bootstrap'],
    [299, 'bootstrap'],
    [300, 'buckets10'],
    [999, 'buckets10'],
    [1000, 'buckets20'],
    [4999, 'buckets20'],
    [5000, 'isotonic'],
  ];
  const all = makeTrades(5000);
  for (const [n, method] of cases) {
    it(`uses ${method} at ${n} completed trades`, () => {
      const table = fitCalibrationTable(all.slice(0, n), AS_OF);
      expect(table.method).toBe(method);
      expect(table.samples).toBe(n);
    });
  }

  it('does not count breakevens as completed trades', () => {
    const trades = [
      ...makeTrades(299),
      ...Array.from(
        { length: 50 },
        (): CalibrationTrade => ({ confidence: 50, outcome: 'breakeven', closeMs: 1 }),
      ),
    ];
    const table = fitCalibrationTable(trades, AS_OF);
    expect(table.method).toBe('bootstrap');
    expect(table.samples).toBe(299);
  });

  it('fits 20 buckets of 5 confidence points each', () => {
    const table = fitCalibrationTable(makeTrades(1000), AS_OF);
    if (table.method !== 'buckets20') throw new Error(`expected buckets20, got ${table.method}`);
    expect(table.buckets).toHaveLength(20);
    expect(table.buckets[7]).toMatchObject({ loConfidence: 35, hiConfidence: 40 });
    expect(table.buckets.reduce((s, b) => s + b.samples, 0)).toBe(1000);
  });
});

describe('bucket fallback and levels', () => {
  function tradesWithTopBucket(topCount: number, topWins: number): CalibrationTrade[] {
    const middle = Array.from(
      { length: 300 },
      (_, i): CalibrationTrade => ({
        confidence: 50 + (i % 10) * 0.9,
        outcome: i % 2 === 0 ? 'win' : 'loss',
        closeMs: i,
      }),
    );
    const top = Array.from(
      { length: topCount },
      (_, i): CalibrationTrade => ({
        confidence: 95,
        outcome: i < topWins ? 'win' : 'loss',
        closeMs: 1000 + i,
      }),
    );
    return [...middle, ...top];
  }

  it('falls back to bootstrap in a bucket with 29 samples and uses it at 30', () => {
    const thin = fitCalibrationTable(tradesWithTopBucket(29, 29), AS_OF);
    expect(thin.method).toBe('buckets10');
    expect(lookupProbability(thin, 95)).toEqual({
      p: bootstrapProbability(95),
      source: 'bootstrap',
      level: 'low',
    });
    const enough = fitCalibrationTable(tradesWithTopBucket(30, 27), AS_OF);
    expect(lookupProbability(enough, 95)).toEqual({ p: 0.9, source: 'bucket', level: 'medium' });
    expect(lookupProbability(enough, 55)).toEqual({ p: 0.5, source: 'bucket', level: 'high' });
  });

  it('falls back to bootstrap in an empty bucket (a single populated bucket)', () => {
    const table = fitCalibrationTable(tradesWithTopBucket(0, 0), AS_OF);
    expect(lookupProbability(table, 55).source).toBe('bucket');
    for (const c of [0, 15, 45, 60, 100]) expect(lookupProbability(table, c).source).toBe('bootstrap');
  });
});

describe('time order', () => {
  const signalMs = Date.UTC(2024, 5, 1, 12);
  const base = makeTrades(400, 3, Date.UTC(2024, 0, 1));
  const late: CalibrationTrade = { confidence: 99, outcome: 'win', closeMs: signalMs + 10 * 3_600_000 };

  it('ignores trades that close after asOf, including outcomes arriving hours after their signal', () => {
    const before = fitCalibrationTable([...base, late], signalMs + 5 * 3_600_000);
    expect(before.samples).toBe(400);
    expect(before.toMs).toBe(base[399]!.closeMs);
    const after = fitCalibrationTable([...base, late], late.closeMs);
    expect(after.samples).toBe(401);
    expect(after.toMs).toBe(late.closeMs);
  });

  it('gives the same table, version included, whatever closes after asOf', () => {
    const asOfMs = base[349]!.closeMs;
    const reference = fitCalibrationTable(base.slice(0, 350), asOfMs);
    const future = base.slice(350).map((t) => ({ ...t, outcome: 'win' as const }));
    const withFuture = fitCalibrationTable([...future, ...base.slice(0, 350), late], asOfMs);
    expect(withFuture).toEqual(reference);
    expect(withFuture.version).toBe(reference.version);
    expect(reference.fromMs).toBe(base[0]!.closeMs);
    expect(reference.asOfMs).toBe(asOfMs);
  });
});

describe('edge cases', () => {
  it('fits no trades to a bootstrap table with an empty time range', () => {
    const table = new AdaptiveCalibrator().fit([], AS_OF);
    expect(table).toMatchObject({ method: 'bootstrap', samples: 0, wins: 0, fromMs: null, toMs: null });
    expect(lookupProbability(table, 80)).toEqual({
      p: bootstrapProbability(80),
      source: 'bootstrap',
      level: 'low',
    });
  });

  it('fits all wins to probability 1 in the isotonic stage', () => {
    const trades = makeTrades(5000).map((t) => ({ ...t, outcome: 'win' as const }));
    const table = fitCalibrationTable(trades, AS_OF);
    if (table.method !== 'isotonic') throw new Error(`expected isotonic, got ${table.method}`);
    expect(table.points.map((q) => q.p)).toEqual([1, 1]);
    expect(table.points[0]!.samples).toBe(5000);
    expect(lookupProbability(table, 0)).toEqual({ p: 1, source: 'isotonic', level: 'high' });
  });

  it('rejects bad input', () => {
    const bad = { confidence: 101, outcome: 'win', closeMs: 0 } as const;
    expect(() => fitCalibrationTable([bad], AS_OF)).toThrow(/trade 0 confidence/);
    expect(() => fitCalibrationTable([], Number.NaN)).toThrow(/asOfMs/);
    const odd = { confidence: 50, outcome: 'draw', closeMs: 0 } as unknown as CalibrationTrade;
    expect(() => fitCalibrationTable([odd], AS_OF)).toThrow(/outcome/);
    const policy = { ...DEFAULT_CALIBRATION_POLICY, buckets20MinSamples: 100 };
    expect(() => new AdaptiveCalibrator(policy)).toThrow(/ordered/);
    expect(() => lookupProbability(fitCalibrationTable([], AS_OF), -1)).toThrow(RangeError);
  });
});
