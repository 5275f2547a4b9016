import { Atr } from './atr.js';
import { Bollinger, type BollingerValue } from './bbands.js';
import { Ema } from './ema.js';
import { LogReturn } from './log-return.js';
import { Macd, type MacdValue } from './macd.js';
import { Rsi } from './rsi.js';
import { Sma } from './sma.js';
import { StdDev } from './std-dev.js';

/**
 * Batch forms of the indicators. Each is the fold of the streaming indicator over the array (one
 * implementation), so a batch value and the streaming value at the same index are the same float64.
 * Output index i belongs to input index i; `undefined` marks the lookback (TA-Lib's NaN).
 */
function fold<R>(values: ArrayLike<number>, step: (value: number) => R | undefined): (R | undefined)[] {
  const out = new Array<R | undefined>(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = step(values[i] as number);
  return out;
}

/** Returns SMA(`period`) of `values` (see {@link Sma}). */
export function smaSeries(values: ArrayLike<number>, period: number): (number | undefined)[] {
  const sma = new Sma(period);
  return fold(values, (v) => sma.update(v));
}

/** Returns EMA(`period`) of `values` (see {@link Ema}). */
export function emaSeries(values: ArrayLike<number>, period: number): (number | undefined)[] {
  const ema = new Ema(period);
  return fold(values, (v) => ema.update(v));
}

/** Returns RSI(`period`) of `values`, 0–100 (see {@link Rsi}). */
export function rsiSeries(values: ArrayLike<number>, period = 14): (number | undefined)[] {
  const rsi = new Rsi(period);
  return fold(values, (v) => rsi.update(v));
}

/** Returns MACD(`fast`, `slow`, `signal`) of `values` (see {@link Macd}). */
export function macdSeries(
  values: ArrayLike<number>,
  fast = 12,
  slow = 26,
  signal = 9,
): (MacdValue | undefined)[] {
  const macd = new Macd(fast, slow, signal);
  return fold(values, (v) => macd.update(v));
}

/** Returns Bollinger bands (`period`, `devUp`, `devDown`, SMA middle) of `values` (see {@link Bollinger}). */
export function bollingerSeries(
  values: ArrayLike<number>,
  period = 20,
  devUp = 2,
  devDown = 2,
): (BollingerValue | undefined)[] {
  const bands = new Bollinger(period, devUp, devDown);
  return fold(values, (v) => bands.update(v));
}

/** Returns the rolling population standard deviation of `values` (see {@link StdDev}). */
export function stdDevSeries(values: ArrayLike<number | undefined>, period: number): (number | undefined)[] {
  const std = new StdDev(period);
  const out = new Array<number | undefined>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    out[i] = v === undefined ? undefined : std.update(v);
  }
  return out;
}

/** Returns the one-bar log returns of `closes`; index 0 is `undefined` (see {@link LogReturn}). */
export function logReturnSeries(closes: ArrayLike<number>): (number | undefined)[] {
  const r = new LogReturn();
  return fold(closes, (c) => r.update(c));
}

/**
 * Returns the realised volatility of `closes`: the population standard deviation of the last `period` one-bar
 * log returns (fraction per bar; TA-Lib `STDDEV(LN(ROCR(close, 1)), period, 1)`). First value at index `period`.
 */
export function realisedVolatilitySeries(closes: ArrayLike<number>, period = 24): (number | undefined)[] {
  return stdDevSeries(logReturnSeries(closes), period);
}

/** Returns ATR(`period`) of the bars given as parallel arrays (see {@link Atr}). Thrown when lengths differ. */
export function atrSeries(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): (number | undefined)[] {
  if (high.length !== low.length || low.length !== close.length) {
    throw new RangeError(`high/low/close lengths differ: ${high.length}/${low.length}/${close.length}`);
  }
  const atr = new Atr(period);
  const out = new Array<number | undefined>(close.length);
  for (let i = 0; i < close.length; i += 1) {
    out[i] = atr.update(high[i] as number, low[i] as number, close[i] as number);
  }
  return out;
}
