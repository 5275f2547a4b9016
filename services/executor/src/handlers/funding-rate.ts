import type { FundingRate } from '@cryptosignal/contracts';
import { fundingPointOf } from '../adapters/market-wire.js';
import type { HandlerContext } from './handler-context.js';

/**
 * Handles `market.funding`: records the realised rate in the symbol's funding history, charged to every
 * position held over its funding time. Thrown (InvalidMessageError DATA_INVALID) for a non-finite rate.
 */
export async function onFundingRate(event: FundingRate, ctx: HandlerContext): Promise<void> {
  await ctx.desk.onFunding(event.symbol, fundingPointOf(event));
}
