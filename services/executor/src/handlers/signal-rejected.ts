import type { SignalRejected } from '@cryptosignal/contracts';
import { activeTraceParent } from '@cryptosignal/telemetry';
import { orderFromRejected } from '../adapters/signal-wire.js';
import type { HandlerContext } from './handler-context.js';

/**
 * Handles `signals.rejected`: follows the rejected signal exactly like a published one, as a shadow trade
 * (reports flagged `shadow`, the closed trade carrying the gate's reason code), so each gate's filtering
 * accuracy can be measured. The position keeps the context of the active span (this message's process span):
 * its reports, made on later bars, link to it. Thrown (InvalidMessageError) when TP/SL, the side or the reason
 * are missing.
 */
export async function onSignalRejected(event: SignalRejected, ctx: HandlerContext): Promise<void> {
  await ctx.desk.onSignal(orderFromRejected(event, ctx.rules), activeTraceParent());
}
