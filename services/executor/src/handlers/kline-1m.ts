import type { Kline } from '@cryptosignal/contracts';
import { pathBarOf } from '../adapters/market-wire.js';
import type { HandlerContext } from './handler-context.js';

/**
 * Handles `market.klines.1m`: adds the minute bar to its hour; an hour with all 60 is followed minute by minute
 * instead of on its 1h bar. Thrown (InvalidMessageError DATA_INVALID) for a misaligned or inconsistent bar.
 */
export async function onMinuteKline(event: Kline, ctx: HandlerContext): Promise<void> {
  const { bar, market } = pathBarOf(event);
  await ctx.desk.onMinuteBar(event.symbol, bar, market);
}
