import type { FundingRate } from '@cryptosignal/contracts';
import { fundingFromWire } from '../adapters/market-wire.js';
import type { PipelineHandlerContext } from './context.js';

/**
 * Handles a funding event (`market.funding`): the symbol's factor engine keeps it for the bars closing within
 * its freshness (factor B, the funding extra). A bar already evaluated never sees it. Thrown
 * (InvalidMessageError) when it is older than the symbol's last funding event or not finite.
 */
export async function handleFundingRate(message: FundingRate, ctx: PipelineHandlerContext): Promise<void> {
  ctx.engine.addFunding(fundingFromWire(message));
}
