import type { TradeClosed } from '@cryptosignal/contracts';
import type { PipelineHandlerContext } from './context.js';

/**
 * Handles a close report (`trades.closed`): the strategy whose book holds the signal frees the symbol from the exit
 * time on (after its cooldown). Shadow trades (rejected signals) never held a position and are skipped.
 */
export async function handleTradeClosed(message: TradeClosed, ctx: PipelineHandlerContext): Promise<void> {
  if (message.shadow) return;
  const known = ctx.engine.tradeClosed(message.signalId, message.exitTimeMs);
  ctx.logger.debug({ signal_id: message.signalId, symbol: message.symbol, known }, 'trade close applied');
}
