import { HOUR_MS, type KlineInterval, MINUTE_MS, type SymbolId } from '@cryptosignal/domain';
import type { DataKind, OpenInterestRow } from '@cryptosignal/marketdata';
import { ConfigError } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import type { MarketEvent, QuarantinedRow } from '../domain/market-event.js';
import { fundingChecker, openInterestChecker, type RowChecker } from '../domain/row-checks.js';
import { TradeFlowAggregator } from '../domain/trade-flow-aggregator.js';
import type { CollectorMetrics } from '../metrics.js';
import type { HistorySource } from '../ports.js';
import type { BackfillReader, StreamChunk, StreamPlan } from './backfill-reader.js';
import { rejectExchangeRow } from './exchange-rows.js';
import { readKlinePages } from './kline-pages.js';

/** Kinds an exchange backfill fills (perpetual bars, funding, open interest, trade flow). */
export const EXCHANGE_KINDS: readonly DataKind[] = [
  'klines_1h',
  'klines_1m',
  'funding',
  'open_interest',
  'trades',
];

/** Settings of an exchange backfill. */
export interface ExchangeBackfillOptions {
  readonly metrics: CollectorMetrics;
  readonly logger: Logger;
  /** Open-interest sampling period requested (Binance openInterestHist `period`; default 5m). */
  readonly openInterestPeriod?: OpenInterestRow['period'];
}

/**
 * Backfills from an exchange through a `HistorySource`: pages oldest first from the resume point, checks
 * each row, re-fetches holes in kline pages (see `readKlinePages`), and aggregates trades into 1m flow.
 */
export class ExchangeBackfillReader implements BackfillReader {
  readonly source: string;

  constructor(
    private readonly history: HistorySource,
    private readonly options: ExchangeBackfillOptions,
  ) {
    this.source = history.name;
  }

  async streams(kinds: readonly DataKind[], symbols: readonly string[] | undefined): Promise<StreamPlan[]> {
    if (!symbols || symbols.length === 0) throw new ConfigError('an exchange backfill needs --symbols');
    const wanted = kinds.filter((k) => EXCHANGE_KINDS.includes(k));
    return wanted.flatMap((kind) => symbols.map((symbol) => ({ kind, symbol: symbol as SymbolId })));
  }

  read(stream: StreamPlan, fromMs: number, toMs: number): AsyncIterable<StreamChunk> {
    const interval: Partial<Record<DataKind, KlineInterval>> = { klines_1h: '1h', klines_1m: '1m' };
    const klineInterval = interval[stream.kind];
    if (klineInterval)
      return readKlinePages(this.history, stream, { interval: klineInterval, fromMs, toMs, ...this.options });
    if (stream.kind === 'funding') return this.readFunding(stream, fromMs, toMs);
    if (stream.kind === 'open_interest') return this.readOpenInterest(stream, fromMs, toMs);
    if (stream.kind === 'trades') return this.readTrades(stream, fromMs, toMs);
    throw new ConfigError(`an exchange backfill cannot fill ${stream.kind}`);
  }

  private async *readFunding(stream: StreamPlan, fromMs: number, toMs: number): AsyncGenerator<StreamChunk> {
    const check = fundingChecker(stream.symbol);
    for (let since = fromMs; since <= toMs; ) {
      const page = await this.history.fetchFunding({ symbol: stream.symbol, fromMs: since, toMs });
      const last = page[page.length - 1];
      if (!last) return;
      yield this.checked(
        stream,
        page,
        check,
        (f) => f.fundingTime,
        (value) => ({ kind: 'funding', value }),
      );
      since = last.fundingTime + 1;
    }
  }

  private async *readOpenInterest(
    stream: StreamPlan,
    fromMs: number,
    toMs: number,
  ): AsyncGenerator<StreamChunk> {
    const check = openInterestChecker(stream.symbol);
    const period = this.options.openInterestPeriod ?? '5m';
    for (let since = fromMs; since <= toMs; ) {
      const page = await this.history.fetchOpenInterest({
        symbol: stream.symbol,
        period,
        fromMs: since,
        toMs,
      });
      const last = page[page.length - 1];
      if (!last) return;
      yield this.checked(
        stream,
        page,
        check,
        (o) => o.timestamp,
        (value) => ({ kind: 'open_interest', value }),
      );
      since = last.timestamp + 1;
    }
  }

  private async *readTrades(stream: StreamPlan, fromMs: number, toMs: number): AsyncGenerator<StreamChunk> {
    const aggregator = new TradeFlowAggregator({
      symbol: stream.symbol,
      market: 'perp',
      windowMs: MINUTE_MS,
      interval: '1m',
    });
    for (let since = fromMs; since <= toMs; ) {
      const untilMs = Math.min(toMs, since + HOUR_MS - 1);
      const page = await this.history.fetchTrades({ symbol: stream.symbol, fromMs: since, toMs: untilMs });
      const full = page.length >= 1_000;
      const coveredMs = full ? page[page.length - 1]!.timestamp : untilMs;
      const events: MarketEvent[] = [];
      for (const trade of page)
        for (const value of aggregator.add(trade)) events.push({ kind: 'trade_flow', value });
      for (const value of aggregator.closeUntil(coveredMs + 1)) events.push({ kind: 'trade_flow', value });
      if (events.length > 0) yield { events, rejected: [], positionMs: coveredMs };
      since = coveredMs + 1;
    }
  }

  private checked<T>(
    stream: StreamPlan,
    rows: readonly T[],
    check: RowChecker<T>,
    timeOf: (row: T) => number,
    toEvent: (row: T) => MarketEvent,
  ): StreamChunk {
    const events: MarketEvent[] = [];
    const rejected: QuarantinedRow[] = [];
    for (const row of rows) {
      const verdict = check(row);
      if (verdict.problems.length === 0) events.push(toEvent(row));
      else rejected.push(rejectExchangeRow(this.source, stream, verdict, row, timeOf(row)));
    }
    return { events, rejected, positionMs: timeOf(rows[rows.length - 1]!) };
  }
}
