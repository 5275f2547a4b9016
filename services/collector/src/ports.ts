import type { FundingRate, Kline, KlineInterval, MarketKind, SymbolId } from '@cryptosignal/domain';
import type { DataKind, OpenInterestRow, Trade } from '@cryptosignal/marketdata';
import type { BookSnapshot, IngestBatch, MarketEvent } from './domain/market-event.js';

/** What writing one batch did: rows upserted, rows quarantined (including conflicts) and conflicts. */
export interface WriteResult {
  readonly written: number;
  readonly quarantined: number;
  /** Rows whose natural key was already stored with different values (quarantined as `conflict`). */
  readonly conflicts: number;
}

/** A kline series: one symbol, market and bar interval. */
export interface KlineSeriesKey {
  readonly symbol: SymbolId;
  readonly market: MarketKind;
  readonly interval: KlineInterval;
}

/**
 * The market tables. Adapters: `SqlMarketStore` over any SqlClient (PostgreSQL or PGlite).
 */
export interface MarketStore {
  /**
   * Writes one batch in one transaction: upserts the events on their natural keys, inserts the rejected rows
   * into the quarantine (once per source, stream, item and reason) and advances the stream's watermark.
   * Thrown (RetryableError STORAGE_UNAVAILABLE) when the database is unreachable; nothing is then written.
   */
  writeBatch(batch: IngestBatch): Promise<WriteResult>;
  /** Returns the last event time collected for a stream (kind × symbol), in ms UTC, or undefined. */
  watermark(kind: DataKind, symbol: string): Promise<number | undefined>;
  /** Returns the stored open times (ms UTC, ascending) of a kline series in [fromMs, toMs]. */
  klineOpenTimes(series: KlineSeriesKey, fromMs: number, toMs: number): Promise<number[]>;
  /** Returns the row count of each market table, by table name. */
  rowCounts(): Promise<Record<string, number>>;
}

/** Publishes market events on their `market.*` topics, in the order given. */
export interface MarketPublisher {
  publish(events: readonly MarketEvent[]): Promise<void>;
}

/** A time range request of one symbol's history, [fromMs, toMs] inclusive, in ms UTC. */
export interface RangeRequest {
  readonly symbol: SymbolId;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Where history comes from (the exchange through ccxt, a backup endpoint, recorded files). Each call returns
 * one page, oldest first, starting at or after `fromMs`; an empty page means nothing more up to `toMs`.
 * Thrown as RetryableError (RATE_LIMITED, UPSTREAM_UNAVAILABLE) after the adapter's own retries.
 */
export interface HistorySource {
  readonly name: string;
  fetchKlines(request: RangeRequest & { readonly interval: KlineInterval }): Promise<Kline[]>;
  fetchFunding(request: RangeRequest): Promise<FundingRate[]>;
  fetchOpenInterest(
    request: RangeRequest & { readonly period: OpenInterestRow['period'] },
  ): Promise<OpenInterestRow[]>;
  fetchTrades(request: RangeRequest): Promise<Trade[]>;
  fetchOrderBook(symbol: SymbolId, depth: number): Promise<BookSnapshot>;
}
