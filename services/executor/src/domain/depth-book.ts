import type { OrderBook } from '@cryptosignal/costs';
import { HOUR_MS } from '@cryptosignal/domain';

/** How many hours of snapshots a DepthBook keeps per symbol (the last snapshot of each hour). */
const KEPT_HOURS = 8;

/**
 * The latest depth snapshots of one symbol, ascending by time: the last one of each of the latest hours, since
 * only the last snapshot before an hour is ever used. A fill only uses a snapshot taken before the
 * hour it happens in (never one from the same hour), so the cost of a fill does not depend on whether the
 * snapshot or the bar was handled first; and only when it is at most `maxAgeMs` older than the fill.
 */
export class DepthBook {
  private snapshots: { readonly timeMs: number; readonly book: OrderBook }[] = [];

  /** Adds the snapshot taken at `timeMs` (UTC ms) unless a later one of the same hour is already kept. */
  add(timeMs: number, book: OrderBook): void {
    const hourMs = Math.floor(timeMs / HOUR_MS) * HOUR_MS;
    const sameHour = this.snapshots.find((s) => Math.floor(s.timeMs / HOUR_MS) * HOUR_MS === hourMs);
    if (sameHour && sameHour.timeMs > timeMs) return;
    const rest = this.snapshots.filter((s) => s !== sameHour);
    rest.push({ timeMs, book });
    rest.sort((a, b) => a.timeMs - b.timeMs);
    this.snapshots = rest.slice(-KEPT_HOURS);
  }

  /**
   * Returns the last snapshot taken before `hourStartMs` when it is no more than `maxAgeMs` older than
   * `fillTimeMs`, else undefined (the fill then uses the configured default costs).
   */
  usableFor(hourStartMs: number, fillTimeMs: number, maxAgeMs: number): OrderBook | undefined {
    for (let i = this.snapshots.length - 1; i >= 0; i--) {
      const s = this.snapshots[i]!;
      if (s.timeMs >= hourStartMs) continue;
      return fillTimeMs - s.timeMs <= maxAgeMs ? s.book : undefined;
    }
    return undefined;
  }
}
