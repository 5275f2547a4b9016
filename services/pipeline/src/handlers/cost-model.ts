import type { CostModelPublished } from '@cryptosignal/contracts';
import { costModelFromWire } from '../adapters/config-wire.js';
import type { PipelineHandlerContext } from './context.js';

/**
 * Handles a cost model (`config.costs`): the adaptive strategy's expected entry cost and funding come from it from
 * the next bar on (the newest publication of the followed scope wins).
 */
export async function handleCostModel(
  message: CostModelPublished,
  ctx: PipelineHandlerContext,
): Promise<void> {
  if (ctx.costs.apply(costModelFromWire(message)))
    ctx.logger.info({ scope: message.scope, version: message.version }, 'cost model applied');
}
