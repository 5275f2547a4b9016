import type { Kline } from '@cryptosignal/domain';
import type { CvdSource } from '../snapshot.js';
import { Ring, RollingSum } from './math.js';

/** Signed taker flow of one bar aggregated from trades, base-asset units (see aggregateTradeFlow). */
export interface TradeFlow {
  readonly openTime: number;
  /** Volume of trades whose taker bought (buyer was not the maker). */
  readonly buyVolume: number;
  /** Volume of trades whose taker sold (buyer was the maker). */
  readonly sellVolume: number;
}

/** One bar's CVD delta (taker buy − taker sell), its volume (base units) and where the delta came from. */
export interface BarDelta {
  readonly delta: number;
  readonly volume: number;
  readonly source: CvdSource;
}

const RANK: Readonly<Record<CvdSource, number>> = { taker_buy_volume: 0, trades: 1, clv_proxy: 2, none: 3 };
const BY_RANK: readonly CvdSource[] = ['taker_buy_volume', 'trades', 'clv_proxy', 'none'];

/**
 * Returns the bar's CVD delta from the best input present: taker-buy volume (delta = 2·takerBuy − volume),
 * else trade flow for the bar (buy − sell), else — when `allowProxy` — the signed close-location proxy
 * ((close − low) − (high − close)) / (high − low) · volume (0 for a bar with high = low), else source `none`.
 */
export function barDelta(kline: Kline, flow: TradeFlow | undefined, allowProxy: boolean): BarDelta {
  if (kline.takerBuyVolume !== undefined) {
    return {
      delta: 2 * kline.takerBuyVolume - kline.volume,
      volume: kline.volume,
      source: 'taker_buy_volume',
    };
  }
  if (flow !== undefined && flow.openTime === kline.openTime) {
    return {
      delta: flow.buyVolume - flow.sellVolume,
      volume: flow.buyVolume + flow.sellVolume,
      source: 'trades',
    };
  }
  if (!allowProxy) return { delta: 0, volume: 0, source: 'none' };
  const range = kline.high - kline.low;
  const location = range > 0 ? (kline.close - kline.low - (kline.high - kline.close)) / range : 0;
  return { delta: location * kline.volume, volume: kline.volume, source: 'clv_proxy' };
}

/**
 * Rolling CVD over a window of bars, O(1) per bar: Σdelta and Σvolume over the window, plus a count of each
 * source so the least exact source in the window is known. A bar without CVD (source `none`) empties the
 * window, so a window never silently skips a bar.
 */
export class CvdWindow {
  private readonly deltas: RollingSum;
  private readonly volumes: RollingSum;
  private readonly ranks: Ring;
  private readonly counts = [0, 0, 0, 0];

  /** Thrown (RangeError) when `bars` is not a positive integer. */
  constructor(readonly bars: number) {
    this.deltas = new RollingSum(bars);
    this.volumes = new RollingSum(bars);
    this.ranks = new Ring(bars);
  }

  /** Appends one bar's delta. */
  push(bar: BarDelta): void {
    if (bar.source === 'none') {
      this.reset();
      return;
    }
    const dropped = this.ranks.full ? this.ranks.ago(this.bars - 1) : undefined;
    if (dropped !== undefined) this.counts[dropped] = (this.counts[dropped] as number) - 1;
    const rank = RANK[bar.source];
    this.ranks.push(rank);
    this.counts[rank] = (this.counts[rank] as number) + 1;
    this.deltas.push(bar.delta);
    this.volumes.push(bar.volume);
  }

  /** Returns Σdelta / Σvolume over a full window, in [-1, 1] (0 for a window with no volume), else undefined. */
  imbalance(): number | undefined {
    if (!this.deltas.full) return undefined;
    const volume = this.volumes.sum;
    return volume > 0 ? Math.max(-1, Math.min(1, this.deltas.sum / volume)) : 0;
  }

  /** Returns the least exact source among the bars in the window (`none` when empty). */
  worstSource(): CvdSource {
    for (let rank = 2; rank >= 0; rank -= 1)
      if ((this.counts[rank] as number) > 0) return BY_RANK[rank] as CvdSource;
    return 'none';
  }

  /** Empties the window. */
  reset(): void {
    this.deltas.reset();
    this.volumes.reset();
    this.ranks.reset();
    this.counts.fill(0);
  }
}
