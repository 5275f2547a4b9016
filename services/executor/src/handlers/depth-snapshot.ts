import type { DepthSnapshot } from '@cryptosignal/contracts';
import { orderBookOf } from '../adapters/market-wire.js';
import type { HandlerContext } from './handler-context.js';

/**
 * Handles `market.depth`: keeps the snapshot, walked for the order's size by fills in later hours while it is
 * recent enough. Thrown (InvalidMessageError DATA_INVALID) for an empty, unordered or crossed book.
 */
export async function onDepthSnapshot(event: DepthSnapshot, ctx: HandlerContext): Promise<void> {
  await ctx.desk.onDepth(event.symbol, event.timeMs, orderBookOf(event));
}
