import type { Kline } from '@cryptosignal/contracts';
import { pathBarOf } from '../adapters/market-wire.js';
import type { HandlerContext } from './handler-context.js';

/**
 * Handles `market.klines.1h`: adds the bar to its symbol's tape and advances the symbol's positions over
 * every hour that is now complete. Thrown (InvalidMessageError DATA_INVALID) for a misaligned or inconsistent bar.
 */
export async function onHourKline(event: Kline, ctx: HandlerContext): Promise<void> {
  const { bar, market } = pathBarOf(event);
  await ctx.desk.onHourBar(event.symbol, bar, market);
}
