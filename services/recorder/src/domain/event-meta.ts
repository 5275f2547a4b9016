import type { EventMeta } from '@cryptosignal/contracts';
import { InvalidMessageError } from '@cryptosignal/runtime';

/** Returns `ms` (ms since the Unix epoch, UTC) as ISO-8601 text, the form timestamptz columns are written in. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Returns the meta of an event. Thrown (InvalidMessageError `CONTRACT_VALIDATION_FAILED`) when it is absent,
 * which the contract's codecs already refuse; the check keeps the types honest.
 */
export function requireMeta(meta: EventMeta | undefined): EventMeta {
  if (!meta) throw new InvalidMessageError('CONTRACT_VALIDATION_FAILED', 'event carries no meta');
  return meta;
}
