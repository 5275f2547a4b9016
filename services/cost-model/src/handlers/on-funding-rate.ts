import type { MessageContext } from '@cryptosignal/bus';
import type { FundingRate } from '@cryptosignal/contracts';
import type { CostModelDeps } from './deps.js';

/**
 * Handles a `market.funding` event: stores the rate (fraction per interval) under (symbol, funding time), so a
 * redelivered or replayed event changes nothing. The event was validated by the topic's codec; a poison
 * message never reaches this handler (the bus moves it to the DLQ).
 * Thrown (RetryableError) when the store is unreachable: the bus retries, then fails the subscription.
 */
export async function onFundingRate(
  event: FundingRate,
  ctx: Pick<MessageContext, 'eventId'>,
  deps: Pick<CostModelDeps, 'store' | 'metrics'>,
): Promise<void> {
  const stored = await deps.store.saveFundingRate({
    symbol: event.symbol,
    fundingTime: event.fundingTimeMs,
    rate: event.fundingRate,
    intervalHours: event.intervalHours ?? null,
    eventId: ctx.eventId,
  });
  deps.metrics.fundingRates.inc({ result: stored ? 'new' : 'duplicate' });
}
