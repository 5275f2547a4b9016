import type { Kline } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';

/** The labels of one bar (undefined where a needed future bar is missing). */
export interface BarLabels {
  readonly return1h: number | undefined;
  readonly maxGain4h: number | undefined;
  readonly maxDrawdown4h: number | undefined;
  readonly direction4h: number | undefined;
}

const NONE: BarLabels = {
  return1h: undefined,
  maxGain4h: undefined,
  maxDrawdown4h: undefined,
  direction4h: undefined,
};

/**
 * Returns the labels of bar `i` of `bars` (one symbol's 1h bars in time order), per the plan: the 1 h return to
 * the next close, the 4 h maximum gain (highs) and maximum drawdown (lows) over the next 4 bars against this close,
 * and the direction of the 4 h close-to-close move (+1 up, else −1). A label needs every bar it reads to be the
 * next consecutive hour; otherwise it is undefined.
 */
export function labelsAt(bars: readonly Kline[], i: number): BarLabels {
  const bar = bars[i];
  if (bar === undefined) return NONE;
  const c0 = bar.close;
  const next = (k: number): Kline | undefined => {
    const b = bars[i + k];
    return b !== undefined && b.openTime === bar.openTime + k * HOUR_MS ? b : undefined;
  };
  const first = next(1);
  const four = [first, next(2), next(3), next(4)];
  const return1h = first === undefined ? undefined : (first.close - c0) / c0;
  if (four.some((b) => b === undefined)) return { ...NONE, return1h };
  const window = four as Kline[];
  const maxHigh = Math.max(...window.map((b) => b.high));
  const minLow = Math.min(...window.map((b) => b.low));
  const close4 = (window[3] as Kline).close;
  return {
    return1h,
    maxGain4h: (maxHigh - c0) / c0,
    maxDrawdown4h: (minLow - c0) / c0,
    direction4h: close4 > c0 ? 1 : -1,
  };
}
