import { InvalidMessageError } from '@cryptosignal/runtime';
import type { RecordedEvent } from '../metrics.js';
import type { HandlerContext, RecordWrite } from '../ports.js';

/**
 * Writes `record` through the sink and counts the outcome under `event`. A refusal (InvalidMessageError) is
 * counted as a dead letter and rethrown, so that the bus moves the message to the DLQ with the reason.
 */
export async function recordEvent(
  event: RecordedEvent,
  record: RecordWrite,
  ctx: HandlerContext,
): Promise<void> {
  try {
    const outcome = await ctx.records.write(record);
    ctx.metrics.events.inc({ event, outcome });
  } catch (error) {
    if (error instanceof InvalidMessageError) countDeadLetter(event, error, ctx);
    throw error;
  }
}

/** Counts a message refused by the recorder (`cryptosignal_recorder_dead_letters_total`) and logs why. */
export function countDeadLetter(event: RecordedEvent, error: InvalidMessageError, ctx: HandlerContext): void {
  ctx.metrics.deadLetters.inc({ event, code: error.code });
  ctx.logger.warn({ event, code: error.code, reason: error.message }, 'event refused, sent to the DLQ');
}
