import type { Kline } from '@cryptosignal/contracts';
import { klineFromWire } from '../adapters/market-wire.js';
import { countDecisions } from '../metrics.js';
import type { OutgoingBatch, PipelineHandlerContext } from './context.js';
import { adviseDecisions, prepareAdvice } from './model-advice.js';

/** Evaluates the bar (and the bars it unblocks) and returns their decisions, observing the processing latency. */
function evaluate(message: Kline, ctx: PipelineHandlerContext): OutgoingBatch[] | undefined {
  const outcome = ctx.engine.addKline(klineFromWire(message), {
    receivedMs: ctx.clock.nowMs(),
    meta: message.meta,
  });
  if (outcome.kind !== 'accepted') {
    ctx.logger.debug(
      { symbol: message.symbol, openTimeMs: message.openTimeMs, outcome: outcome.kind },
      'kline skipped',
    );
    return undefined;
  }
  const nowMs = ctx.clock.nowMs();
  return outcome.evaluated.map((bar) => {
    for (const strategy of ctx.engine.strategies)
      ctx.metrics.barProcessing.observe(
        { strategy: strategy.settings.id },
        (nowMs - bar.tag.receivedMs) / 1000,
      );
    if (bar.forcedWithoutReference)
      ctx.logger.warn(
        { symbol: bar.snapshot.symbol, openTimeMs: bar.snapshot.openTime },
        'bar evaluated without the market reference (pending limit reached)',
      );
    return { decisions: bar.decisions, causedBy: bar.tag.meta, advice: prepareAdvice(bar.decisions, ctx) };
  });
}

/**
 * Handles a closed 1h kline (`market.klines.1h`): feeds the factor engine of its symbol, evaluates every bar whose
 * market-reference hour is known (a BTC bar can unblock the waiting bars of every symbol) through every strategy,
 * takes the candidates of the model-consulting strategies to the models (falling back to v7.2 for any it cannot
 * get an answer for), and publishes `SignalPublished` / `SignalRejected` for the candidates. A redelivered kline
 * republishes what its first delivery computed but could not publish, without asking the models again.
 * Thrown (InvalidMessageError) for an inconsistent bar; rejects with the bus's error when a publish fails.
 */
export async function handleKlineClosed(message: Kline, ctx: PipelineHandlerContext): Promise<void> {
  const key = message.meta?.eventId ?? `${message.symbol}|${message.market}|${message.openTimeMs}`;
  let pending = ctx.outbox.get(key);
  if (pending === undefined) {
    const batches = evaluate(message, ctx);
    if (batches === undefined || batches.length === 0) return;
    pending = batches;
    ctx.outbox.set(key, pending);
  }
  while (pending.length > 0) {
    let batch = pending[0] as OutgoingBatch;
    if (batch.advice.length > 0) {
      batch = { ...batch, decisions: await adviseDecisions(batch.decisions, batch.advice, ctx), advice: [] };
      pending[0] = batch;
    }
    await ctx.publisher.publish(batch.decisions, batch.causedBy);
    countDecisions(ctx.metrics, batch.decisions);
    pending.shift();
  }
  ctx.outbox.delete(key);
}
