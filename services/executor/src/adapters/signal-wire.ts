import {
  type EventMeta,
  Side,
  type SignalPublished,
  type SignalRejected,
  type SignalSnapshot,
} from '@cryptosignal/contracts';
import { InvalidMessageError } from '@cryptosignal/runtime';
import type { TrackedOrder } from '../domain/trade-outcome.js';
import type { ExecutorSettings } from '../settings.js';

/** The order settings a signal is turned into an order with. */
export type OrderRules = Pick<ExecutorSettings, 'notionalUsdt' | 'maxHoldHours' | 'entryTtlMs'>;

function invalid(message: string): never {
  throw new InvalidMessageError('DATA_INVALID', message);
}

function orderOf(
  snapshot: SignalSnapshot,
  meta: EventMeta,
  rules: OrderRules,
  shadow: { gateReason: string } | undefined,
): TrackedOrder {
  const predicted = snapshot.predicted ?? invalid(`${snapshot.signalId}: no prediction`);
  if (!(predicted.tp > 0 && predicted.tp < 1 && predicted.sl > 0 && predicted.sl < 1))
    invalid(
      `${snapshot.signalId}: tp and sl must be fractions in (0, 1), got ${predicted.tp}/${predicted.sl}`,
    );
  const limit = snapshot.executionIntent?.entryPriceLimit ?? 0;
  if (!(Number.isFinite(limit) && limit >= 0)) invalid(`${snapshot.signalId}: entry price limit ${limit}`);
  const size = snapshot.executionIntent?.positionSize ?? 1;
  if (!(Number.isFinite(size) && size > 0)) invalid(`${snapshot.signalId}: position size ${size}`);
  const side =
    snapshot.side === Side.SIDE_LONG ? 'long' : snapshot.side === Side.SIDE_SHORT ? 'short' : undefined;
  return {
    signalId: snapshot.signalId,
    symbol: snapshot.symbol,
    side: side ?? invalid(`${snapshot.signalId}: side is unspecified`),
    signalTimeMs: snapshot.timeMs,
    entryPriceLimit: limit > 0 ? limit : undefined,
    tp: predicted.tp,
    sl: predicted.sl,
    maxHoldHours: rules.maxHoldHours,
    entryTtlMs: rules.entryTtlMs,
    signalEventId: meta.eventId,
    shadow: shadow !== undefined,
    ...(shadow ? { gateReason: shadow.gateReason } : {}),
    notionalUsdt: rules.notionalUsdt * size,
  };
}

/**
 * Returns the order of a published signal: side, signal time, TP/SL fractions from `predicted`, a limit entry
 * when `execution_intent.entry_price_limit` is > 0 (a market entry at the next bar's open when it is 0), the
 * configured notional times `execution_intent.position_size` (1 when absent), the configured hold and entry window.
 * Thrown (InvalidMessageError DATA_INVALID) when TP/SL are not fractions in (0, 1), the size is not > 0 or the side
 * is unspecified.
 */
export function orderFromPublished(event: SignalPublished, rules: OrderRules): TrackedOrder {
  const snapshot = event.snapshot ?? invalid('signal without snapshot');
  return orderOf(snapshot, event.meta ?? invalid('signal without meta'), rules, undefined);
}

/**
 * Returns the shadow order of a rejected signal: as `orderFromPublished`, flagged shadow, with the rejecting
 * gate's reason code as its gate reason. Thrown like `orderFromPublished`.
 */
export function orderFromRejected(event: SignalRejected, rules: OrderRules): TrackedOrder {
  const snapshot = event.snapshot ?? invalid('rejection without snapshot');
  const gateReason = event.rejection?.reasonCode || invalid(`${snapshot.signalId}: rejection without reason`);
  return orderOf(snapshot, event.meta ?? invalid('rejection without meta'), rules, { gateReason });
}
