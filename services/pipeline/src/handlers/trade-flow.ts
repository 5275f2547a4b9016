import type { TradeFlow } from '@cryptosignal/contracts';
import { tradeFlowFromWire } from '../adapters/market-wire.js';
import type { PipelineHandlerContext } from './context.js';

/**
 * Handles a trade-flow window (`market.trades`): summed into its hour's taker flow, the CVD input of a bar whose
 * kline has no taker-buy volume, when the windows cover the whole hour before the bar is evaluated.
 */
export async function handleTradeFlow(message: TradeFlow, ctx: PipelineHandlerContext): Promise<void> {
  const { symbol, market, window } = tradeFlowFromWire(message);
  ctx.engine.addTradeFlow(symbol, market, window);
}
