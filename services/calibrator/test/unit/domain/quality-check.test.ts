import { bootstrapProbability } from '@cryptosignal/calibration';
import { DAY_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { runQualityCheck, scoredOutcomes } from '../../../src/domain/quality-check.js';
import type { CalibrationSample } from '../../../src/ports.js';

const T0 = Date.UTC(2024, 0, 1);

function sample(i: number, over: Partial<CalibrationSample> = {}): CalibrationSample {
  return {
    signalId: `s${i}`,
    symbol: i % 2 === 0 ? 'BTCUSDT' : 'SOLUSDT',
    side: i % 2 === 0 ? 'long' : 'short',
    confidence: 60,
    pCalibrated: 0.6,
    outcome: i % 3 === 0 ? 'loss' : 'win',
    closeMs: T0 + i * DAY_MS,
    ...over,
  };
}

describe('scoredOutcomes', () => {
  it('leaves breakevens out and scores wins as 1 and losses as 0', () => {
    const items = scoredOutcomes(
      [sample(0), sample(1), sample(2, { outcome: 'breakeven' })],
      (s) => s.pCalibrated,
    );
    expect(items.map((x) => x.outcome)).toEqual([0, 1]);
  });
});

describe('runQualityCheck', () => {
  const samples = Array.from({ length: 60 }, (_, i) => sample(i));
  const input = {
    scope: 'global',
    asOfMs: T0 + 59 * DAY_MS,
    trigger: 'daily' as const,
    tableVersion: 'buckets10-abc',
    window: { kind: 'lastDays' as const, days: 30 },
  };

  it('scores the rolling window only, per symbol and side, with hand-checkable Brier', () => {
    const check = runQualityCheck(samples, input);
    const inWindow = samples.filter((s) => s.closeMs > input.asOfMs - 30 * DAY_MS);
    expect(check.report.overall.n).toBe(inWindow.length);
    const wins = inWindow.filter((s) => s.outcome === 'win').length;
    // Every prediction is 0.6: Brier = (wins·0.16 + losses·0.36) / n.
    const expected = (wins * 0.16 + (inWindow.length - wins) * 0.36) / inWindow.length;
    expect(check.report.overall.brier).toBeCloseTo(expected, 12);
    expect(Object.keys(check.report.bySymbol)).toEqual(['BTCUSDT', 'SOLUSDT']);
    expect(check.report.bySide.long.n + check.report.bySide.short.n).toBe(inWindow.length);
    expect(check.tableVersion).toBe('buckets10-abc');
  });

  it('scores the bootstrap map on the same trades as the baseline', () => {
    const check = runQualityCheck(samples, input);
    const p = bootstrapProbability(60);
    const inWindow = samples.filter((s) => s.closeMs > input.asOfMs - 30 * DAY_MS);
    const wins = inWindow.filter((s) => s.outcome === 'win').length;
    const expected = (wins * (1 - p) ** 2 + (inWindow.length - wins) * p ** 2) / inWindow.length;
    expect(check.baseline.n).toBe(inWindow.length);
    expect(check.baseline.brier).toBeCloseTo(expected, 12);
  });

  it('reports nulls and keeps every reliability bin when there is no trade', () => {
    const check = runQualityCheck([], input);
    expect(check.report.overall.n).toBe(0);
    expect(check.report.overall.brier).toBeNull();
    expect(check.report.overall.reliability).toHaveLength(10);
    expect(check.baseline.brier).toBeNull();
  });
});
