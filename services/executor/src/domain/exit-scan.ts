import type { Side } from '@cryptosignal/domain';
import type { PathBar } from './bar.js';

export type ExitReason = 'tp' | 'sl' | 'timeout';

/** An open position's exit levels (absolute prices) and its deadline. */
export interface ExitLevels {
  readonly side: Side;
  readonly tpPrice: number;
  readonly slPrice: number;
  /** Timeout: the position is closed at the close of the bar that ends at or after this time (UTC ms). */
  readonly deadlineMs: number;
}

/** An exit found on a bar: the reference exit price (before costs) and when. */
export interface ExitHit {
  readonly reason: ExitReason;
  readonly price: number;
  readonly timeMs: number;
}

/**
 * Returns the exit this bar triggers, or undefined if the position survives it.
 *
 * When one bar touches both TP and SL the SL is assumed to have come first (the conservative reading of an
 * OHLC bar, whose path inside the bar is unknown). A bar that OPENS beyond a level exits at the open (a gap
 * through the stop fills at the worse price). Otherwise TP/SL fill at their level. If neither is touched and
 * the bar ends at or after the deadline, the position times out at the bar's close.
 */
export function scanBarForExit(levels: ExitLevels, bar: PathBar): ExitHit | undefined {
  const long = levels.side === 'long';
  const barEnd = bar.openTime + bar.intervalMs;
  const slTouched = long ? bar.low <= levels.slPrice : bar.high >= levels.slPrice;
  const tpTouched = long ? bar.high >= levels.tpPrice : bar.low <= levels.tpPrice;
  const gapThroughSl = long ? bar.open <= levels.slPrice : bar.open >= levels.slPrice;
  const gapThroughTp = long ? bar.open >= levels.tpPrice : bar.open <= levels.tpPrice;
  if (gapThroughSl) return { reason: 'sl', price: bar.open, timeMs: bar.openTime };
  if (gapThroughTp) return { reason: 'tp', price: bar.open, timeMs: bar.openTime };
  if (slTouched) return { reason: 'sl', price: levels.slPrice, timeMs: barEnd - 1 };
  if (tpTouched) return { reason: 'tp', price: levels.tpPrice, timeMs: barEnd - 1 };
  if (barEnd >= levels.deadlineMs) return { reason: 'timeout', price: bar.close, timeMs: barEnd - 1 };
  return undefined;
}
