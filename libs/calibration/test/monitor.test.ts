import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import type { ScoredOutcome } from '../src/index.js';
import {
  CalibrationMonitor,
  probabilityBinIndex,
  reliabilityCurve,
  selectWindow,
  wilsonInterval,
} from '../src/index.js';

const T0 = Date.UTC(2024, 0, 1);

function scored(
  p: number,
  outcome: 0 | 1,
  closeMs: number,
  symbol = 'BTCUSDT',
  side: 'long' | 'short' = 'long',
) {
  return { p, outcome, closeMs, symbol, side } satisfies ScoredOutcome;
}

describe('Wilson score interval', () => {
  it('matches published 95 % values', () => {
    const none = wilsonInterval(0, 10)!;
    expect(none.lo).toBe(0);
    expect(none.hi).toBeCloseTo(0.2775, 4);
    const half = wilsonInterval(5, 10)!;
    expect(half.lo).toBeCloseTo(0.2366, 4);
    expect(half.hi).toBeCloseTo(0.7634, 4);
    const all = wilsonInterval(10, 10)!;
    expect(all.lo).toBeCloseTo(0.7225, 4);
    expect(all.hi).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});

describe('reliability curve', () => {
  it('keeps an empty bucket with count 0', () => {
    const data = [scored(0.35, 1, T0), scored(0.36, 0, T0), scored(0.62, 1, T0), scored(0.65, 1, T0)];
    const curve = reliabilityCurve(data);
    expect(curve).toHaveLength(10);
    expect(curve[4]).toEqual({
      lo: 0.4,
      hi: 0.5,
      n: 0,
      wins: 0,
      predicted: null,
      actual: null,
      actualLo: null,
      actualHi: null,
    });
    expect(curve[3]).toMatchObject({ n: 2, wins: 1, actual: 0.5 });
    expect(curve[3]!.predicted).toBeCloseTo(0.355, 15);
    expect(curve[6]).toMatchObject({ n: 2, wins: 2, actual: 1 });
    expect(curve[6]!.actualHi!).toBeCloseTo(1, 12);
    expect(curve[6]!.actualLo!).toBeCloseTo(wilsonInterval(2, 2)!.lo, 15);
    expect(curve.reduce((s, b) => s + b.n, 0)).toBe(4);
  });

  it('returns every bin with count 0 for no trades, and bins edges i/B exactly', () => {
    expect(reliabilityCurve([], 5).map((b) => b.n)).toEqual([0, 0, 0, 0, 0]);
    expect(probabilityBinIndex(0.3, 10)).toBe(3);
    expect(probabilityBinIndex(0.7, 10)).toBe(7);
    expect(probabilityBinIndex(1, 10)).toBe(9);
    expect(probabilityBinIndex(0, 10)).toBe(0);
    expect(probabilityBinIndex(0.29, 100)).toBe(29);
  });
});

describe('rolling windows', () => {
  const data = Array.from({ length: 10 }, (_, i) => scored(0.5, (i % 2) as 0 | 1, T0 + i * DAY_MS));
  const shuffled = [...data].reverse();
  const asOf = T0 + 7 * DAY_MS;

  it('takes the last N trades by close time, never after asOf', () => {
    const last3 = selectWindow(shuffled, { kind: 'lastTrades', count: 3 }, asOf);
    expect(last3.map((x) => x.closeMs)).toEqual([5, 6, 7].map((d) => T0 + d * DAY_MS));
  });

  it('takes the last D days by close time: (asOf − D days, asOf]', () => {
    const last2 = selectWindow(shuffled, { kind: 'lastDays', days: 2 }, asOf);
    expect(last2.map((x) => x.closeMs)).toEqual([6, 7].map((d) => T0 + d * DAY_MS));
    expect(selectWindow(shuffled, { kind: 'all' }, asOf)).toHaveLength(8);
  });

  it('rejects bad windows', () => {
    expect(() => selectWindow(data, { kind: 'lastTrades', count: 0 }, asOf)).toThrow(/count/);
    expect(() => selectWindow(data, { kind: 'lastDays', days: -1 }, asOf)).toThrow(/days/);
    expect(() => selectWindow(data, { kind: 'all' }, Number.NaN)).toThrow(/asOfMs/);
  });
});

describe('CalibrationMonitor report', () => {
  const data: ScoredOutcome[] = [
    scored(0.6, 1, T0 + 1 * HOUR_MS, 'BTCUSDT', 'long'),
    scored(0.6, 0, T0 + 2 * HOUR_MS, 'BTCUSDT', 'short'),
    scored(0.7, 1, T0 + 3 * HOUR_MS, 'ETHUSDT', 'long'),
    scored(0.4, 0, T0 + 4 * HOUR_MS, 'ETHUSDT', 'long'),
    scored(0.5, 1, T0 + 5 * HOUR_MS, 'SOLUSDT', 'short'),
    scored(0.9, 1, T0 + 9 * HOUR_MS, 'XRPUSDT', 'long'),
  ];
  const asOf = T0 + 5 * HOUR_MS;

  it('breaks metrics down by symbol and side, leaving out trades closed after asOf', () => {
    const report = new CalibrationMonitor().report(data, asOf);
    expect(report.overall.n).toBe(5);
    expect(report.fromMs).toBe(T0 + HOUR_MS);
    expect(report.toMs).toBe(asOf);
    expect(Object.keys(report.bySymbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(report.bySymbol.BTCUSDT!.brier).toBeCloseTo((0.16 + 0.36) / 2, 15);
    expect(report.bySide.long.n).toBe(3);
    expect(report.bySide.short.n).toBe(2);
    expect(report.overall.brier).toBeCloseTo((0.16 + 0.36 + 0.09 + 0.16 + 0.25) / 5, 15);
    expect(report.overall.brierBand).toBe('poor');
    expect(report.overall.winRateError).toBeCloseTo(0.56 - 0.6, 15);
    expect(report.overall.reliability).toHaveLength(10);
  });

  it('applies a last-N window within each group', () => {
    const report = new CalibrationMonitor({ window: { kind: 'lastTrades', count: 1 }, bins: 5 }).report(
      data,
      asOf,
    );
    expect(report.overall.n).toBe(1);
    expect(report.bySymbol.ETHUSDT!.n).toBe(1);
    expect(report.bySymbol.ETHUSDT!.baseRate).toBe(0);
    expect(report.bySide.long.n).toBe(1);
    expect(report.overall.reliability).toHaveLength(5);
  });

  it('rejects invalid settings at construction', () => {
    expect(() => new CalibrationMonitor({ bins: 0 })).toThrow(/bins/);
    expect(() => new CalibrationMonitor({ logLossEpsilon: 0 })).toThrow(/logLossEpsilon/);
    expect(() => new CalibrationMonitor({ window: { kind: 'lastTrades', count: 1.5 } })).toThrow(/count/);
  });

  it('reports an empty side and an empty window as nulls with a full curve', () => {
    const report = new CalibrationMonitor().report(
      data.filter((x) => x.side === 'long'),
      T0,
    );
    expect(report.overall).toMatchObject({ n: 0, brier: null, brierBand: null, logLoss: null, ece: null });
    expect(report.overall.reliability.every((b) => b.n === 0)).toBe(true);
    expect(report.bySide.short.n).toBe(0);
    expect(report.fromMs).toBeNull();
  });
});
