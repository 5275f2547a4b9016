/** Milliseconds since the Unix epoch, UTC. */
export type UnixMs = number & { readonly __unit: 'unix-ms' };

/** One minute, one hour, eight hours and one day in milliseconds. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const EIGHT_HOURS_MS = 8 * HOUR_MS;
export const DAY_MS = 86_400_000;

/** Returns `value` as UnixMs. Thrown when it is not a non-negative safe integer. */
export function unixMs(value: number): UnixMs {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`time must be a non-negative integer of ms, got ${value}`);
  return value as UnixMs;
}

/** Returns the ISO-8601 UTC text of a millisecond timestamp, e.g. `2023-03-24T12:00:00.000Z`. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses `YYYY-MM-DD` or a full ISO-8601 timestamp as UTC. Thrown when the text is not a valid date. */
export function parseUtc(text: string): UnixMs {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: '${text}' (expected YYYY-MM-DD or ISO-8601)`);
  return unixMs(ms);
}
