import { DAY_MS } from '@cryptosignal/domain';
import type { ScoredOutcome } from './scored-outcome.js';

/**
 * Which trades a monitor computation covers, always only those closed at or before `asOfMs`:
 * `all` of them, the `lastTrades` most recent `count` by close time, or those of the `lastDays` `days`
 * before asOf (close time in (asOfMs − days × 24 h, asOfMs]).
 */
export type MonitorWindow =
  | { readonly kind: 'all' }
  | { readonly kind: 'lastTrades'; readonly count: number }
  | { readonly kind: 'lastDays'; readonly days: number };

/**
 * Returns the items of `window` as of `asOfMs` (ms UTC), sorted by close time (ties keep input order).
 * Items closed after asOf are never included, so a report as of a past time is what was knowable then.
 * Thrown (RangeError) when asOfMs or a close time is not finite, or the window's count or days is not
 * positive (count must be an integer).
 */
export function selectWindow<T extends ScoredOutcome>(
  items: readonly T[],
  window: MonitorWindow,
  asOfMs: number,
): T[] {
  if (!Number.isFinite(asOfMs)) throw new RangeError(`asOfMs must be finite, got ${asOfMs}`);
  assertWindow(window);
  for (const [i, x] of items.entries()) {
    if (!Number.isFinite(x.closeMs))
      throw new RangeError(`item ${i}: closeMs must be finite, got ${x.closeMs}`);
  }
  const known = items.filter((x) => x.closeMs <= asOfMs).sort((a, b) => a.closeMs - b.closeMs);
  if (window.kind === 'lastTrades') return known.slice(Math.max(0, known.length - window.count));
  if (window.kind === 'lastDays') {
    const fromMs = asOfMs - window.days * DAY_MS;
    return known.filter((x) => x.closeMs > fromMs);
  }
  return known;
}

/** Thrown (RangeError) when a `lastTrades` count is not a positive integer or `lastDays` days is not > 0. */
export function assertWindow(window: MonitorWindow): void {
  if (window.kind === 'lastTrades' && !(Number.isSafeInteger(window.count) && window.count > 0))
    throw new RangeError(`window count must be a positive integer, got ${window.count}`);
  if (window.kind === 'lastDays' && !(Number.isFinite(window.days) && window.days > 0))
    throw new RangeError(`window days must be a positive number, got ${window.days}`);
}
