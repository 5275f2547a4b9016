import type { OpenInterest } from '@cryptosignal/contracts';
import { openInterestFromWire } from '../adapters/market-wire.js';
import type { PipelineHandlerContext } from './context.js';

/**
 * Handles an open-interest sample (`market.open_interest`): kept for O, F_v2 and the OI extras of the bars
 * closing after it. Thrown (InvalidMessageError) when it is out of order, not positive, or has no known period.
 */
export async function handleOpenInterest(message: OpenInterest, ctx: PipelineHandlerContext): Promise<void> {
  ctx.engine.addOpenInterest(openInterestFromWire(message));
}
