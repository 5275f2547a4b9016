import { fitCalibrationTable } from '@cryptosignal/calibration';
import { CalibrationMethod, TOPICS } from '@cryptosignal/contracts';
import { describe, expect, it } from 'vitest';
import { publishedFromTable } from '../../../src/adapters/calibration-wire.js';

const T0 = Date.UTC(2024, 0, 1);
const trades = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    confidence: (i * 13) % 101,
    outcome: (i * 13) % 101 > 40 + (i % 30) ? ('win' as const) : ('loss' as const),
    closeMs: T0 + i * 60_000,
  }));

describe('publishedFromTable', () => {
  it('encodes every stage as a valid config.calibration event that decodes back', () => {
    for (const [n, method] of [
      [0, CalibrationMethod.CALIBRATION_METHOD_BOOTSTRAP],
      [350, CalibrationMethod.CALIBRATION_METHOD_BUCKETS10],
      [1200, CalibrationMethod.CALIBRATION_METHOD_BUCKETS20],
      [5000, CalibrationMethod.CALIBRATION_METHOD_ISOTONIC],
    ] as const) {
      const table = fitCalibrationTable(trades(n), T0 + n * 60_000);
      const event = publishedFromTable('global', table, T0 + 1);
      const decoded = TOPICS.configCalibration.codec.decode(TOPICS.configCalibration.codec.encode(event));
      expect(decoded.method).toBe(method);
      expect(decoded.version).toBe(table.version);
      expect(decoded.samples).toBe(table.samples);
      expect(decoded.meta?.tsEventMs).toBe(table.asOfMs);
      if (table.method === 'bootstrap')
        expect(decoded.points).toEqual([
          { confidence: 0, probability: 0.4 },
          { confidence: 100, probability: 0.7 },
        ]);
      if (table.method === 'buckets10') {
        expect(decoded.buckets).toHaveLength(10);
        expect(decoded.buckets.reduce((s, b) => s + b.samples, 0)).toBe(table.samples);
      }
      if (table.method === 'isotonic') expect(decoded.points).toHaveLength(table.points.length);
    }
  });

  it('derives the event id from scope and version, so republishing is deduplicated', () => {
    const table = fitCalibrationTable(trades(400), T0 + 400 * 60_000);
    const a = publishedFromTable('global', table, T0 + 1);
    const b = publishedFromTable('global', table, T0 + 2);
    expect(a.meta?.eventId).toBe(b.meta?.eventId);
    expect(publishedFromTable('v73', table, T0 + 1).meta?.eventId).not.toBe(a.meta?.eventId);
  });
});
