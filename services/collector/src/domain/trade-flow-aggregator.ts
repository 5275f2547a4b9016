import type { MarketKind, SymbolId } from '@cryptosignal/domain';
import type { Trade } from '@cryptosignal/marketdata';
import { type TradeFlowWindow, tradeFlow } from './trade-flow.js';

/** Settings of a `TradeFlowAggregator`. */
export interface TradeFlowAggregatorOptions {
  readonly symbol: SymbolId;
  readonly market: MarketKind;
  /** Window length in ms (60,000 for `1m`) and its name. */
  readonly windowMs: number;
  readonly interval: string;
  readonly largeTradeThresholdUsdt?: number;
}

/**
 * Groups a time-ordered trade stream into consecutive windows aligned to `windowMs` (epoch-aligned, UTC).
 * `add` returns the windows a trade closes (the current one, plus an empty window for every whole window
 * without trades before it); `closeUntil(t)` closes the windows ending at or before t; `flush` returns the
 * trailing window cut at the last trade + 1 ms. Trades must arrive in time order: the caller rejects the
 * others before they reach the aggregator.
 */
export class TradeFlowAggregator {
  private windowStartMs: number | undefined;
  private trades: Trade[] = [];
  private lastTradeMs = 0;

  constructor(private readonly options: TradeFlowAggregatorOptions) {}

  /** Takes the next trade; returns the windows it closed. Thrown (RangeError) when it is earlier than the last. */
  add(trade: Trade): TradeFlowWindow[] {
    if (trade.timestamp < this.lastTradeMs)
      throw new RangeError(`trade at ${trade.timestamp} before the last one at ${this.lastTradeMs}`);
    const closed = this.closeUntil(trade.timestamp + 1);
    this.windowStartMs ??= this.alignedStart(trade.timestamp);
    this.trades.push(trade);
    this.lastTradeMs = trade.timestamp;
    return closed;
  }

  /**
   * Closes every open window whose end is ≤ `timeMs` and returns them, empty ones included: the stream is
   * taken to be continuous, so a whole window without trades really had none. Call it with the stream's
   * current time (live), never past the end of a recording.
   */
  closeUntil(timeMs: number): TradeFlowWindow[] {
    const closed: TradeFlowWindow[] = [];
    const { windowMs } = this.options;
    while (this.windowStartMs !== undefined && this.windowStartMs + windowMs <= timeMs) {
      closed.push(this.window(this.windowStartMs, this.windowStartMs + windowMs));
      this.trades = [];
      this.windowStartMs += windowMs;
    }
    return closed;
  }

  /** Returns the open window cut at the last trade + 1 ms (undefined when none is open), and resets. */
  flush(): TradeFlowWindow | undefined {
    if (this.windowStartMs === undefined || this.trades.length === 0) return undefined;
    const window = this.window(this.windowStartMs, this.lastTradeMs + 1);
    this.windowStartMs = undefined;
    this.trades = [];
    return window;
  }

  private alignedStart(timeMs: number): number {
    return Math.floor(timeMs / this.options.windowMs) * this.options.windowMs;
  }

  private window(startMs: number, endMs: number): TradeFlowWindow {
    const { symbol, market, interval, largeTradeThresholdUsdt } = this.options;
    const spec = { symbol, market, interval, windowStartMs: startMs, windowEndMs: endMs };
    return tradeFlow(
      this.trades,
      largeTradeThresholdUsdt === undefined ? spec : { ...spec, largeTradeThresholdUsdt },
    );
  }
}
