import type { SignalRejected } from '@cryptosignal/contracts';
import { rejectedSignalRow } from '../domain/snapshot-row.js';
import type { HandlerContext } from '../ports.js';
import { recordEvent } from './record-event.js';

/**
 * Records a rejected signal in `signal_snapshots` (status `rejected`, shadow, with the gate and reason code),
 * so its shadow trade can be joined to it. Resolves once committed. Thrown as described on `RecordSink.write`.
 */
export async function onSignalRejected(event: SignalRejected, ctx: HandlerContext): Promise<void> {
  return recordEvent(
    'signal_rejected',
    { kind: 'signal', row: rejectedSignalRow(event, ctx.clock.nowMs()) },
    ctx,
  );
}
