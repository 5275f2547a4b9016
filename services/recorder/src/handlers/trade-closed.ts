import type { TradeClosed } from '@cryptosignal/contracts';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { resultInconsistency } from '../domain/result-consistency.js';
import { resultRow } from '../domain/result-row.js';
import type { HandlerContext } from '../ports.js';
import { countDeadLetter, recordEvent } from './record-event.js';

/**
 * Records a trade result in `trade_results`, or parks it in `recorder_pending` when its signal is not recorded
 * yet. Resolves once committed.
 * Thrown as InvalidMessageError (`DATA_INVALID`, to the DLQ) when its fields contradict each other (see
 * `resultInconsistency`), otherwise as described on `RecordSink.write`.
 */
export async function onTradeClosed(event: TradeClosed, ctx: HandlerContext): Promise<void> {
  const row = resultRow(event, ctx.clock.nowMs());
  const inconsistency = resultInconsistency(row);
  if (inconsistency !== undefined) {
    const error = new InvalidMessageError('DATA_INVALID', `inconsistent trade result: ${inconsistency}`);
    countDeadLetter('result', error, ctx);
    throw error;
  }
  return recordEvent('result', { kind: 'result', row }, ctx);
}
