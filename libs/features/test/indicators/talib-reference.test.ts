import { describe, expect, it } from 'vitest';
import {
  atrSeries,
  bollingerSeries,
  emaSeries,
  logReturnSeries,
  macdSeries,
  realisedVolatilitySeries,
  rsiSeries,
  smaSeries,
} from '../../src/index.js';
import { loadTalibFixture, numbers, type TalibFixture } from '../helpers/talib-fixture.js';

/** Tolerance of the comparison: |ours − TA-Lib| ≤ 1e-9 · max(1, |TA-Lib|). */
const TOLERANCE = 1e-9;

/**
 * Columns where TA-Lib 0.8.1's wheel and this code perform the same float64 operations in the same order, so the
 * values must be identical, not merely close. The others differ in the last bits only: the wheel's compiler
 * fused the ATR and MACD-signal multiply-adds into FMA instructions (JavaScript has none), and `Math.log` and
 * the C library's `log` may round one ulp apart.
 */
const BIT_EXACT = new Set([
  'sma_20',
  'ema_12',
  'ema_20',
  'ema_50',
  'rsi_14',
  'macd_12_26_9',
  'bb_upper_20_2',
  'bb_middle_20_2',
  'bb_lower_20_2',
]);

interface Comparison {
  readonly maxError: number;
  readonly compared: number;
}

/**
 * Compares `ours` with the fixture column `name`: the lookback (TA-Lib NaN) must be exactly where ours is
 * undefined, and every other value within the tolerance.
 */
function compare(fixture: TalibFixture, name: string, ours: readonly (number | undefined)[]): Comparison {
  const ref = fixture.columns[name];
  if (ref === undefined) throw new Error(`no column ${name}`);
  expect(ours.length).toBe(ref.length);
  let maxError = 0;
  let compared = 0;
  for (let i = 0; i < ref.length; i += 1) {
    const expected = ref[i];
    const actual = ours[i];
    if (expected === null || expected === undefined) {
      expect(actual, `${name}[${i}] is in TA-Lib's lookback`).toBeUndefined();
      continue;
    }
    expect(actual, `${name}[${i}] is past TA-Lib's lookback`).toBeTypeOf('number');
    const error = Math.abs((actual as number) - expected) / Math.max(1, Math.abs(expected));
    maxError = Math.max(maxError, error);
    compared += 1;
  }
  expect(maxError, `${name}: max scaled error`).toBeLessThanOrEqual(BIT_EXACT.has(name) ? 0 : TOLERANCE);
  return { maxError, compared };
}

function firstDefined(values: readonly (number | null)[]): number {
  return values.findIndex((v) => v !== null);
}

describe.each(['BTCUSDT', 'DOGEUSDT'])('indicators vs TA-Lib on shipped %s 1h klines', (symbol) => {
  const fx = loadTalibFixture(symbol);
  const close = numbers(fx, 'close');
  const high = numbers(fx, 'high');
  const low = numbers(fx, 'low');

  it('uses a few thousand real bars', () => {
    expect(close.length).toBeGreaterThanOrEqual(2000);
    expect(fx.reference).toMatch(/^TA-Lib C /);
  });

  it('SMA(20): lookback 19, running-total arithmetic', () => {
    expect(firstDefined(fx.columns.sma_20 ?? [])).toBe(19);
    expect(compare(fx, 'sma_20', smaSeries(close, 20)).compared).toBe(close.length - 19);
  });

  it.each([12, 20, 50])('EMA(%i): seeded with the SMA of the first N values', (period) => {
    expect(firstDefined(fx.columns[`ema_${period}`] ?? [])).toBe(period - 1);
    compare(fx, `ema_${period}`, emaSeries(close, period));
  });

  it('RSI(14): Wilder smoothing seeded with simple averages, lookback 14', () => {
    expect(firstDefined(fx.columns.rsi_14 ?? [])).toBe(14);
    compare(fx, 'rsi_14', rsiSeries(close, 14));
  });

  it('MACD(12,26,9): EMAs aligned to the slow seed window, lookback 33', () => {
    expect(firstDefined(fx.columns.macd_12_26_9 ?? [])).toBe(33);
    const ours = macdSeries(close, 12, 26, 9);
    compare(
      fx,
      'macd_12_26_9',
      ours.map((v) => v?.macd),
    );
    compare(
      fx,
      'macd_signal_12_26_9',
      ours.map((v) => v?.signal),
    );
    compare(
      fx,
      'macd_hist_12_26_9',
      ours.map((v) => v?.hist),
    );
  });

  it('BBANDS(20, 2, 2, SMA): population σ, lookback 19', () => {
    const ours = bollingerSeries(close, 20, 2, 2);
    compare(
      fx,
      'bb_upper_20_2',
      ours.map((v) => v?.upper),
    );
    compare(
      fx,
      'bb_middle_20_2',
      ours.map((v) => v?.middle),
    );
    compare(
      fx,
      'bb_lower_20_2',
      ours.map((v) => v?.lower),
    );
  });

  it('ATR(14): Wilder smoothing seeded with the mean true range, lookback 14', () => {
    expect(firstDefined(fx.columns.atr_14 ?? [])).toBe(14);
    compare(fx, 'atr_14', atrSeries(high, low, close, 14));
  });

  it('log return = LN(ROCR(close, 1)), lookback 1', () => {
    compare(fx, 'log_return_1', logReturnSeries(close));
  });

  it('realised volatility = STDDEV(log return, 24, 1), first value at index 24', () => {
    expect(firstDefined(fx.columns.stddev_log_return_24 ?? [])).toBe(24);
    compare(fx, 'stddev_log_return_24', realisedVolatilitySeries(close, 24));
  });
});
