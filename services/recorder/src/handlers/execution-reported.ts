import type { ExecutionReported } from '@cryptosignal/contracts';
import { executionRow } from '../domain/execution-row.js';
import type { HandlerContext } from '../ports.js';
import { recordEvent } from './record-event.js';

/**
 * Records an execution in `execution_records`, or parks it in `recorder_pending` when its signal is not
 * recorded yet. Resolves once committed. Thrown as described on `RecordSink.write`.
 */
export async function onExecutionReported(event: ExecutionReported, ctx: HandlerContext): Promise<void> {
  return recordEvent('execution', { kind: 'execution', row: executionRow(event, ctx.clock.nowMs()) }, ctx);
}
