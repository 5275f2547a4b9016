import type { Kline } from '@cryptosignal/domain';
import { InvalidMessageError } from '@cryptosignal/runtime';

/**
 * Checks a closed bar before it is queued for evaluation, so a bad bar is refused with the message that carried
 * it: open time on the interval grid (a multiple of `intervalMs` since the epoch), close time = open + interval −
 * 1 ms, finite positive prices with low ≤ open, close ≤ high, and 0 ≤ taker-buy volume ≤ volume.
 * Thrown (InvalidMessageError, DATA_INVALID) naming the symbol, the bar and what is wrong.
 */
export function checkBar(k: Kline, intervalMs: number): void {
  const problem = barProblem(k, intervalMs);
  if (problem !== undefined)
    throw new InvalidMessageError('DATA_INVALID', `${k.symbol} ${k.market} bar ${k.openTime}: ${problem}`);
}

function barProblem(k: Kline, intervalMs: number): string | undefined {
  if (!Number.isSafeInteger(k.openTime) || k.openTime % intervalMs !== 0)
    return 'open time off the interval grid';
  if (k.closeTime !== k.openTime + intervalMs - 1) return 'close time is not open time + interval - 1 ms';
  if (![k.open, k.high, k.low, k.close].every((p) => Number.isFinite(p) && p > 0))
    return 'non-positive price';
  if (k.low > Math.min(k.open, k.close) || k.high < Math.max(k.open, k.close)) return 'OHLC inconsistent';
  if (!(Number.isFinite(k.volume) && k.volume >= 0)) return 'negative volume';
  if (k.takerBuyVolume !== undefined && !(k.takerBuyVolume >= 0 && k.takerBuyVolume <= k.volume))
    return 'taker-buy volume outside [0, volume]';
  return undefined;
}
