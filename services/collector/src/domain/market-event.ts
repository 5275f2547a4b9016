import type { FundingRate, Kline, MarketKind, SymbolId, UnixMs } from '@cryptosignal/domain';
import type { DataKind, OpenInterestRow } from '@cryptosignal/marketdata';
import type { DepthFeatures } from './depth-features.js';
import type { TradeFlowWindow } from './trade-flow.js';

/** One price level of a book side: price in quote currency (USDT), quantity in base asset. */
export interface BookLevel {
  readonly price: number;
  readonly qty: number;
}

/** An order-book snapshot: bids best (highest) first, asks best (lowest) first; time in ms UTC. */
export interface BookSnapshot {
  readonly symbol: SymbolId;
  readonly market: MarketKind;
  readonly timestamp: UnixMs;
  /** Where it came from, e.g. `binance_usdm_rest` or the `source` column of a recorded depth file. */
  readonly source: string;
  readonly lastUpdateId?: number;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/** A book snapshot with the features derived from it (see `depthFeatures`). */
export interface DepthEvent {
  readonly book: BookSnapshot;
  readonly features: DepthFeatures;
}

/**
 * One fact the collector publishes and stores, tagged by what it is. Klines carry their interval (1m, 1h,
 * 1d) and market; trades are published as per-window flow, never one by one.
 */
export type MarketEvent =
  | { readonly kind: 'kline'; readonly value: Kline }
  | { readonly kind: 'funding'; readonly value: FundingRate }
  | { readonly kind: 'open_interest'; readonly value: OpenInterestRow }
  | { readonly kind: 'depth'; readonly value: DepthEvent }
  | { readonly kind: 'trade_flow'; readonly value: TradeFlowWindow };

/**
 * Returns when the fact became known, in ms UTC: a bar's close time (open + interval − 1 ms, Binance's
 * convention), the funding time, the open-interest sample time, the book's time, or the end of a trade
 * window minus 1 ms (its last included instant).
 */
export function eventTimeMs(event: MarketEvent): number {
  switch (event.kind) {
    case 'kline':
      return event.value.closeTime;
    case 'funding':
      return event.value.fundingTime;
    case 'open_interest':
      return event.value.timestamp;
    case 'depth':
      return event.value.book.timestamp;
    case 'trade_flow':
      return event.value.windowEndMs - 1;
  }
}

/** The published market streams (metric label `stream`, docs/telemetry.md): one per `market.*` topic. */
export type MarketStream = 'klines_1m' | 'klines_1h' | 'funding' | 'open_interest' | 'depth' | 'trades';

/**
 * Returns the stream an event is published on, or undefined for a fact that is stored but not published (1d
 * bars). Klines of both markets share their interval's stream; trade windows go to `trades`.
 */
export function publishedStream(event: MarketEvent): MarketStream | undefined {
  switch (event.kind) {
    case 'kline':
      return event.value.interval === '1m'
        ? 'klines_1m'
        : event.value.interval === '1h'
          ? 'klines_1h'
          : undefined;
    case 'trade_flow':
      return 'trades';
    default:
      return event.kind;
  }
}

/** Returns the symbol an event is about. */
export function eventSymbol(event: MarketEvent): SymbolId {
  return event.kind === 'depth' ? event.value.book.symbol : event.value.symbol;
}

/**
 * A row that was not accepted and goes to the quarantine table instead, with why. Nothing is dropped or
 * repaired silently: every rejected row of a source lands here once (keyed by source, stream, item key and
 * reason, so re-running a backfill does not duplicate it).
 */
export interface QuarantinedRow {
  readonly kind: DataKind;
  readonly symbol: string;
  /** Source name, e.g. `replay` or `binance`. */
  readonly source: string;
  /** Where the row came from: a data file path relative to the data directory, or the request path. */
  readonly sourceRef: string;
  /** 1-based line number in the file (header = 1); undefined for exchange responses. */
  readonly row?: number;
  /** The row's identity within its source (`<file>:<row>`, or the event time for exchange rows). */
  readonly itemKey: string;
  /** Problem kind, e.g. `high_low`, `duplicate`, `out_of_order`, `conflict`. */
  readonly reason: string;
  readonly detail: string;
  /** The row as received (field texts or the parsed value), for inspection. */
  readonly payload: unknown;
  /** Event time of the row when it could be read, ms UTC. */
  readonly eventTimeMs?: number;
}

/** How far one stream (data kind × symbol) is collected: the last event time covered, ms UTC. */
export interface StreamWatermark {
  readonly kind: DataKind;
  readonly symbol: SymbolId;
  readonly eventTimeMs: number;
}

/**
 * What goes to storage and the bus in one go: accepted events, rejected rows and, for a batch of one stream,
 * the stream's watermark (the last event time covered, accepted or not) to record in the same transaction.
 */
export interface IngestBatch {
  readonly source: string;
  /** Metric label: the data kind of a one-stream batch, or `slice` for a replay slice. */
  readonly label: string;
  readonly events: readonly MarketEvent[];
  readonly rejected: readonly QuarantinedRow[];
  readonly watermark?: StreamWatermark;
}
