import { InvalidMessageError } from '@cryptosignal/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalibrationPolicy, CalibrationTrade } from '../src/index.js';
import {
  calibrationTableVersion,
  fitCalibrationTable,
  lookupProbability,
  parseCalibrationTable,
  serializeCalibrationTable,
} from '../src/index.js';
import { makeTrades } from './trade-builders.js';

const AS_OF = Date.UTC(2030, 0, 1);

describe('calibration table as a versioned JSON value', () => {
  for (const n of [0, 300, 1000, 5000]) {
    it(`round-trips a table fitted on ${n} trades through JSON`, () => {
      const table = fitCalibrationTable(makeTrades(n), AS_OF);
      const parsed = parseCalibrationTable(serializeCalibrationTable(table));
      expect(parsed).toEqual(table);
      expect(calibrationTableVersion(parsed)).toBe(table.version);
      for (const c of [0, 33.3, 61, 100])
        expect(lookupProbability(parsed, c)).toEqual(lookupProbability(table, c));
    });
  }

  it('versions by content: equal inputs give equal versions, other inputs other versions', () => {
    const a = fitCalibrationTable(makeTrades(400, 1), AS_OF);
    const b = fitCalibrationTable(makeTrades(400, 1), AS_OF);
    const c = fitCalibrationTable(makeTrades(400, 2), AS_OF);
    const d = fitCalibrationTable(makeTrades(400, 1), AS_OF + 1);
    expect(a.version).toBe(b.version);
    expect(a.version).toMatch(/^buckets10-[0-9a-f]{16}$/);
    expect(new Set([a.version, c.version, d.version]).size).toBe(3);
  });

  it('rejects tampered, malformed and non-JSON tables with InvalidMessageError', () => {
    const table = fitCalibrationTable(makeTrades(1000), AS_OF);
    const tampered = JSON.parse(serializeCalibrationTable(table));
    tampered.buckets[10].winRate = 0.99;
    expect(() => parseCalibrationTable(tampered)).toThrow(/does not match its content/);
    expect(() => parseCalibrationTable('{')).toThrow(InvalidMessageError);
    expect(() => parseCalibrationTable({ ...table, schema: 2 })).toThrow(/schema/);
    expect(() => parseCalibrationTable({ ...table, method: 'magic' })).toThrow(/unknown calibration method/);
    expect(() => parseCalibrationTable({ ...table, buckets: table.method === 'buckets20' ? [] : 0 })).toThrow(
      /20 buckets|0 buckets/,
    );
    const iso = fitCalibrationTable(makeTrades(5000), AS_OF);
    expect(() => parseCalibrationTable({ ...iso, points: [] })).toThrow(/no points/);
  });
});

describe('isotonic lookup (property)', () => {
  const eager: CalibrationPolicy = {
    minBucketSamples: 1,
    highLevelSamples: 1,
    buckets10MinSamples: 1,
    buckets20MinSamples: 1,
    isotonicMinSamples: 1,
  };
  const trade = fc.record({
    confidence: fc.double({ min: 0, max: 100, noNaN: true }),
    outcome: fc.constantFrom('win' as const, 'loss' as const),
    closeMs: fc.integer({ min: 0, max: 1000 }),
  });

  it('is monotone non-decreasing in confidence and stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(trade, { minLength: 1, maxLength: 200 }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 40 }),
        (trades: CalibrationTrade[], queries) => {
          const table = fitCalibrationTable(trades, 1000, eager);
          expect(table.method).toBe('isotonic');
          let prev = 0;
          for (const c of [...queries].sort((a, b) => a - b)) {
            const { p, source } = lookupProbability(table, c);
            expect(source).toBe('isotonic');
            expect(p).toBeGreaterThanOrEqual(prev - 1e-12);
            expect(p).toBeLessThanOrEqual(1);
            prev = p;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
