import type { TradeFlow } from '@cryptosignal/features';

/** Taker flow of one aggregation window of `market.trades` (base-asset volumes, window [start, end) in UTC ms). */
export interface TradeFlowWindow {
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly buyVolume: number;
  readonly sellVolume: number;
}

interface HourBucket {
  buy: number;
  sell: number;
  coveredMs: number;
  readonly starts: Set<number>;
}

/**
 * Sums the trade-flow windows of one symbol into hourly taker flow for the factor engine's CVD. An hour counts
 * only when its windows cover it entirely (a partly recorded hour would under-count; the engine then falls back
 * to the next CVD source). A window repeated (redelivery) is counted once; one that crosses an hour boundary is
 * ignored. Hours are dropped once their bar was evaluated.
 */
export class HourlyTradeFlow {
  private readonly hours = new Map<number, HourBucket>();

  constructor(private readonly hourMs: number) {}

  /** Adds one window. Returns false when it was ignored (empty, crossing an hour, or already counted). */
  add(w: TradeFlowWindow): boolean {
    const hour = Math.floor(w.windowStartMs / this.hourMs) * this.hourMs;
    if (!(w.windowEndMs > w.windowStartMs) || w.windowEndMs > hour + this.hourMs) return false;
    let bucket = this.hours.get(hour);
    if (!bucket) {
      bucket = { buy: 0, sell: 0, coveredMs: 0, starts: new Set() };
      this.hours.set(hour, bucket);
    }
    if (bucket.starts.has(w.windowStartMs)) return false;
    bucket.starts.add(w.windowStartMs);
    bucket.buy += w.buyVolume;
    bucket.sell += w.sellVolume;
    bucket.coveredMs += w.windowEndMs - w.windowStartMs;
    return true;
  }

  /** Returns the flow of the hour opening at `openTimeMs` when fully covered, and forgets it and older hours. */
  take(openTimeMs: number): TradeFlow | undefined {
    const bucket = this.hours.get(openTimeMs);
    for (const hour of this.hours.keys()) if (hour <= openTimeMs) this.hours.delete(hour);
    if (!bucket || bucket.coveredMs < this.hourMs) return undefined;
    return { openTime: openTimeMs, buyVolume: bucket.buy, sellVolume: bucket.sell };
  }
}
