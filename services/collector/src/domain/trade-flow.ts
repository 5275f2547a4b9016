import type { MarketKind, SymbolId } from '@cryptosignal/domain';
import type { Trade } from '@cryptosignal/marketdata';

/** Notional above which a trade counts as large, USDT (plan §1.2: "大单统计 (>$10k)"). */
export const LARGE_TRADE_THRESHOLD_USDT = 10_000;

/**
 * The taker flow of one window of trades (plan §1.2 `collect_trade_flow`, proto `TradeFlow`). Volumes in base
 * asset, notionals in USDT, window [start, end) in ms UTC. A taker buy is a trade whose buyer was not the
 * maker (`isBuyerMaker = false`).
 */
export interface TradeFlowWindow {
  readonly symbol: SymbolId;
  readonly market: MarketKind;
  /** Aggregation interval, e.g. `1m`. */
  readonly interval: string;
  readonly windowStartMs: number;
  /** Exclusive end: start + interval, or the last trade + 1 ms for the trailing window of a recording. */
  readonly windowEndMs: number;
  readonly buyVolume: number;
  readonly sellVolume: number;
  /** buyVolume / sellVolume; undefined when sellVolume is 0 (never a made-up 0 or ∞). */
  readonly buySellRatio?: number;
  readonly tradeCount: number;
  readonly largeTradeThresholdUsdt: number;
  readonly largeTradeCount: number;
  readonly largeBuyCount: number;
  readonly largeSellCount: number;
  readonly largeBuyVolumeUsdt: number;
  readonly largeSellVolumeUsdt: number;
  /** The trades themselves, in arrival order. */
  readonly trades: readonly Trade[];
}

/** What the flow of a window is computed for. */
export interface FlowWindowSpec {
  readonly symbol: SymbolId;
  readonly market: MarketKind;
  readonly interval: string;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly largeTradeThresholdUsdt?: number;
}

/** Returns a trade's notional in USDT: its quote quantity when given, else price × qty. */
export function tradeNotionalUsdt(trade: Trade): number {
  return trade.quoteQty ?? trade.price * trade.qty;
}

/**
 * Returns the flow of `trades` (all inside the window): taker buy and sell volume, their ratio, the trade
 * count and the large trades (notional strictly above the threshold, default $10,000) by aggressor.
 */
export function tradeFlow(trades: readonly Trade[], spec: FlowWindowSpec): TradeFlowWindow {
  const threshold = spec.largeTradeThresholdUsdt ?? LARGE_TRADE_THRESHOLD_USDT;
  let buyVolume = 0;
  let sellVolume = 0;
  let largeBuyCount = 0;
  let largeSellCount = 0;
  let largeBuyVolumeUsdt = 0;
  let largeSellVolumeUsdt = 0;
  for (const trade of trades) {
    const takerBuy = !trade.isBuyerMaker;
    if (takerBuy) buyVolume += trade.qty;
    else sellVolume += trade.qty;
    const notional = tradeNotionalUsdt(trade);
    if (notional <= threshold) continue;
    if (takerBuy) {
      largeBuyCount += 1;
      largeBuyVolumeUsdt += notional;
    } else {
      largeSellCount += 1;
      largeSellVolumeUsdt += notional;
    }
  }
  const flow = {
    symbol: spec.symbol,
    market: spec.market,
    interval: spec.interval,
    windowStartMs: spec.windowStartMs,
    windowEndMs: spec.windowEndMs,
    buyVolume,
    sellVolume,
    tradeCount: trades.length,
    largeTradeThresholdUsdt: threshold,
    largeTradeCount: largeBuyCount + largeSellCount,
    largeBuyCount,
    largeSellCount,
    largeBuyVolumeUsdt,
    largeSellVolumeUsdt,
    trades,
  };
  return sellVolume > 0 ? { ...flow, buySellRatio: buyVolume / sellVolume } : flow;
}
