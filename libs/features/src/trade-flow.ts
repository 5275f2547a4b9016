import { InvalidMessageError } from '@cryptosignal/runtime';
import type { TradeFlow } from './factors/flow.js';

/** One public trade as the flow aggregation needs it (Binance aggTrades/trades field meaning). */
export interface TakerTrade {
  readonly timestamp: number;
  /** Base-asset quantity. */
  readonly qty: number;
  /** True when the buyer was the maker, i.e. the taker sold. */
  readonly isBuyerMaker: boolean;
}

/**
 * Aggregates trades into per-bar taker flow (buy and sell volume, base units) for the bars of `intervalMs` that
 * lie entirely inside the recorded span [`fromMs`, `toMs`) — a bar only partly recorded would under-count its
 * flow, so it is left out (its CVD falls back to the proxy). Trades outside the span are ignored.
 * Thrown (InvalidMessageError, DATA_INVALID) when a trade has a non-finite or negative quantity.
 */
export function aggregateTradeFlow(
  trades: Iterable<TakerTrade>,
  intervalMs: number,
  fromMs: number,
  toMs: number,
): TradeFlow[] {
  const firstBar = Math.ceil(fromMs / intervalMs) * intervalMs;
  const byBar = new Map<number, { buy: number; sell: number }>();
  for (const t of trades) {
    if (!(Number.isFinite(t.qty) && t.qty >= 0)) {
      throw new InvalidMessageError('DATA_INVALID', `trade at ${t.timestamp}: quantity ${t.qty}`);
    }
    if (t.timestamp < firstBar || t.timestamp >= toMs) continue;
    const openTime = Math.floor(t.timestamp / intervalMs) * intervalMs;
    if (openTime + intervalMs > toMs) continue;
    const bar = byBar.get(openTime) ?? { buy: 0, sell: 0 };
    if (t.isBuyerMaker) bar.sell += t.qty;
    else bar.buy += t.qty;
    byBar.set(openTime, bar);
  }
  const out: TradeFlow[] = [];
  for (let openTime = firstBar; openTime + intervalMs <= toMs; openTime += intervalMs) {
    const bar = byBar.get(openTime) ?? { buy: 0, sell: 0 };
    out.push({ openTime, buyVolume: bar.buy, sellVolume: bar.sell });
  }
  return out;
}
