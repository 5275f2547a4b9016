import type { SignalPublished } from '@cryptosignal/contracts';
import { activeTraceParent } from '@cryptosignal/telemetry';
import { orderFromPublished } from '../adapters/signal-wire.js';
import type { HandlerContext } from './handler-context.js';

/**
 * Handles `signals.published`: opens a paper position for the signal (entered on the first bar opening at or
 * after its time), once per signal id. The position keeps the context of the active span (this message's
 * process span): its reports, made on later bars, link to it. Thrown (InvalidMessageError) when TP/SL or the
 * side are unusable.
 */
export async function onSignalPublished(event: SignalPublished, ctx: HandlerContext): Promise<void> {
  await ctx.desk.onSignal(orderFromPublished(event, ctx.rules), activeTraceParent());
}
