import type { SignalPublished } from '@cryptosignal/contracts';
import { publishedSignalRow } from '../domain/snapshot-row.js';
import type { HandlerContext } from '../ports.js';
import { recordEvent } from './record-event.js';

/**
 * Records a published signal in `signal_snapshots` (status `published`) and files any execution or result of
 * it that arrived first. Resolves once committed. Thrown as described on `RecordSink.write`.
 */
export async function onSignalPublished(event: SignalPublished, ctx: HandlerContext): Promise<void> {
  return recordEvent(
    'signal_published',
    { kind: 'signal', row: publishedSignalRow(event, ctx.clock.nowMs()) },
    ctx,
  );
}
