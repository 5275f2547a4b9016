import type { SymbolId } from '@cryptosignal/domain';
import type { DataKind } from '@cryptosignal/marketdata';
import type { MarketEvent, QuarantinedRow } from '../domain/market-event.js';

/** One stream to backfill: a data kind of one symbol. */
export interface StreamPlan {
  readonly kind: DataKind;
  readonly symbol: SymbolId;
}

/**
 * A piece of one stream, oldest first: accepted events, rejected rows, and the position reached (the latest
 * event time the piece covers, ms UTC) — the stream's watermark once the piece is stored.
 */
export interface StreamChunk {
  readonly events: readonly MarketEvent[];
  readonly rejected: readonly QuarantinedRow[];
  readonly positionMs: number;
}

/** Where a backfill reads history from: recorded files (`ReplayBackfillReader`) or an exchange. */
export interface BackfillReader {
  /** Source name written with every row (`replay`, `binance`). */
  readonly source: string;
  /** Returns the streams this source can fill for the given kinds and symbols, in a fixed order. */
  streams(kinds: readonly DataKind[], symbols: readonly string[] | undefined): Promise<StreamPlan[]>;
  /**
   * Reads a stream from `fromMs` (inclusive) to `toMs` (inclusive) in pieces of about `batchRows` rows.
   * Rejected rows are yielded whatever their time, so a resumed run re-records them (quarantine inserts are
   * idempotent) instead of losing those the killed run had read but not committed.
   */
  read(stream: StreamPlan, fromMs: number, toMs: number, batchRows: number): AsyncIterable<StreamChunk>;
}
