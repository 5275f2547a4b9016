import { HOUR_MS, type Kline, MINUTE_MS, type SymbolId } from '@cryptosignal/domain';
import type { DataKind, Trade } from '@cryptosignal/marketdata';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { depthFeatures } from '../domain/depth-features.js';
import type { BookSnapshot, MarketEvent, QuarantinedRow } from '../domain/market-event.js';
import { bookLevelProblems, klineChecker, type RowChecker } from '../domain/row-checks.js';
import { StreamOrder } from '../domain/stream-order.js';
import { TradeFlowAggregator } from '../domain/trade-flow-aggregator.js';
import { decodeStreamMessage, type StreamMessage } from '../exchange/stream-wire.js';
import { type IngestContext, ingestBatch } from '../handlers/ingest-batch.js';
import type { HistorySource } from '../ports.js';

/** What the live handler needs. */
export interface LiveHandlerDeps {
  readonly ingest: IngestContext;
  /** Where missing bars are re-fetched from after a gap (the exchange's REST API). */
  readonly history: HistorySource;
  /** Source name written with live rows. */
  readonly source: string;
  /** Minimum time between two stored/published books of one symbol, ms (plan: every 5 s). */
  readonly depthSampleMs: number;
}

const KLINE_KIND: Readonly<Record<string, DataKind>> = { '1m': 'klines_1m', '1h': 'klines_1h' };
const STEP_MS: Readonly<Record<string, number>> = { '1m': MINUTE_MS, '1h': HOUR_MS };

/**
 * Turns live stream messages into stored and published facts, one message at a time: closed klines (a gap in
 * open times is re-fetched over REST before the new bar; a late or repeated bar is quarantined as
 * `out_of_order`), aggregate trades into 1m flow windows (late trades quarantined, skipped ids counted as a
 * gap), and partial books sampled every `depthSampleMs` with their features. A message that cannot be decoded
 * is quarantined as `unparseable`.
 */
export class LiveMarketHandler {
  private readonly orders = new Map<string, StreamOrder>();
  private readonly checkers = new Map<string, RowChecker<Kline>>();
  private readonly flows = new Map<string, TradeFlowAggregator>();
  private readonly lastBookMs = new Map<string, number>();

  constructor(private readonly deps: LiveHandlerDeps) {}

  /** Handles one raw message text. Thrown when storing or publishing fails. */
  async handle(text: string): Promise<void> {
    let message: StreamMessage;
    try {
      message = decodeStreamMessage(text);
    } catch (error) {
      if (!(error instanceof InvalidMessageError)) throw error;
      await this.reject('trades', 'unknown' as SymbolId, 'unparseable', error.message, text, undefined);
      return;
    }
    if (message.type === 'kline') await this.onKline(message.bar, message.closed);
    else if (message.type === 'trade') await this.onTrade(message.trade);
    else await this.onBook(message.book, message.updateId);
  }

  private order(key: string, step: number): StreamOrder {
    const existing = this.orders.get(key);
    if (existing) return existing;
    const order = new StreamOrder(step);
    this.orders.set(key, order);
    return order;
  }

  private async onKline(bar: Kline, closed: boolean): Promise<void> {
    if (!closed) return;
    const kind = KLINE_KIND[bar.interval] ?? 'klines_1h';
    const stepMs = STEP_MS[bar.interval] ?? HOUR_MS;
    const order = this.order(`${kind}/${bar.symbol}`, stepMs);
    const verdict = order.observe(bar.openTime);
    if (verdict.kind === 'late') {
      this.deps.ingest.metrics.streamOutOfOrder.inc({ stream: kind });
      const detail = `bar ${bar.openTime} arrived after ${verdict.lastAccepted}`;
      await this.reject(kind, bar.symbol, 'out_of_order', detail, bar, bar.closeTime);
      return;
    }
    const bars = verdict.kind === 'gap' ? [...(await this.refetch(kind, bar, verdict)), bar] : [bar];
    await this.ingestBars(kind, bar.symbol, bars, stepMs);
  }

  private async refetch(
    kind: DataKind,
    bar: Kline,
    gap: { firstMissing: number; lastMissing: number; missing: number },
  ) {
    const { metrics, logger } = this.deps.ingest;
    metrics.gapsDetected.inc({ kind });
    const found = await this.deps.history.fetchKlines({
      symbol: bar.symbol,
      interval: bar.interval,
      fromMs: gap.firstMissing,
      toMs: gap.lastMissing,
    });
    const filled = found.filter((b) => b.openTime >= gap.firstMissing && b.openTime <= gap.lastMissing);
    metrics.gapPointsRefetched.inc({ kind }, filled.length);
    logger.info(
      { kind, symbol: bar.symbol, missing: gap.missing, refetched: filled.length },
      'stream gap re-fetched',
    );
    return filled;
  }

  private async ingestBars(
    kind: DataKind,
    symbol: SymbolId,
    bars: readonly Kline[],
    stepMs: number,
  ): Promise<void> {
    const check = this.checkers.get(`${kind}/${symbol}`) ?? klineChecker(stepMs);
    this.checkers.set(`${kind}/${symbol}`, check);
    const events: MarketEvent[] = [];
    const rejected: QuarantinedRow[] = [];
    for (const bar of bars) {
      const verdict = check(bar);
      if (verdict.problems.length === 0) events.push({ kind: 'kline', value: bar });
      else
        rejected.push(
          this.rejectRow(
            kind,
            symbol,
            verdict.problems[0]!.kind,
            verdict.problems[0]!.detail,
            bar,
            bar.closeTime,
          ),
        );
    }
    const watermark = { kind, symbol, eventTimeMs: bars[bars.length - 1]!.closeTime };
    await ingestBatch(
      { source: this.deps.source, label: kind, events, rejected, watermark },
      this.deps.ingest,
    );
  }

  private async onTrade(trade: Trade): Promise<void> {
    const verdict = this.order(`trades/${trade.symbol}`, 1).observe(trade.tradeId);
    if (verdict.kind === 'late') {
      this.deps.ingest.metrics.streamOutOfOrder.inc({ stream: 'trades' });
      const detail = `trade ${trade.tradeId} arrived after ${verdict.lastAccepted}`;
      await this.reject('trades', trade.symbol, 'out_of_order', detail, trade, trade.timestamp);
      return;
    }
    if (verdict.kind === 'gap') {
      this.deps.ingest.metrics.gapsDetected.inc({ kind: 'trades' });
      this.deps.ingest.logger.warn(
        { symbol: trade.symbol, missing: verdict.missing },
        'aggregate trades skipped',
      );
    }
    let flow = this.flows.get(trade.symbol);
    if (!flow) {
      flow = new TradeFlowAggregator({
        symbol: trade.symbol,
        market: 'perp',
        windowMs: MINUTE_MS,
        interval: '1m',
      });
      this.flows.set(trade.symbol, flow);
    }
    const events: MarketEvent[] = flow.add(trade).map((value) => ({ kind: 'trade_flow', value }));
    if (events.length > 0)
      await ingestBatch(
        { source: this.deps.source, label: 'trades', events, rejected: [] },
        this.deps.ingest,
      );
  }

  private async onBook(book: BookSnapshot, updateId: number): Promise<void> {
    const verdict = this.order(`depth/${book.symbol}`, 0).observe(updateId);
    const problems =
      verdict.kind === 'late'
        ? [{ kind: 'out_of_order', detail: `update ${updateId} is stale` }]
        : bookLevelProblems(book);
    if (verdict.kind === 'late') this.deps.ingest.metrics.streamOutOfOrder.inc({ stream: 'depth' });
    if (problems.length > 0) {
      await this.reject('depth', book.symbol, problems[0]!.kind, problems[0]!.detail, book, book.timestamp);
      return;
    }
    const last = this.lastBookMs.get(book.symbol);
    if (last !== undefined && book.timestamp - last < this.deps.depthSampleMs) return;
    this.lastBookMs.set(book.symbol, book.timestamp);
    const event: MarketEvent = {
      kind: 'depth',
      value: { book, features: depthFeatures(book.bids, book.asks) },
    };
    await ingestBatch(
      { source: this.deps.source, label: 'depth', events: [event], rejected: [] },
      this.deps.ingest,
    );
  }

  private rejectRow(
    kind: DataKind,
    symbol: string,
    reason: string,
    detail: string,
    payload: unknown,
    eventTimeMs?: number,
  ): QuarantinedRow {
    const row = {
      kind,
      symbol,
      source: this.deps.source,
      sourceRef: `${this.deps.source}/stream`,
      itemKey: `${kind}/${symbol}/${eventTimeMs ?? detail}`,
      reason,
      detail,
      payload,
    };
    return eventTimeMs === undefined ? row : { ...row, eventTimeMs };
  }

  private async reject(
    kind: DataKind,
    symbol: SymbolId,
    reason: string,
    detail: string,
    payload: unknown,
    eventTimeMs: number | undefined,
  ) {
    const rejected = [this.rejectRow(kind, symbol, reason, detail, payload, eventTimeMs)];
    await ingestBatch({ source: this.deps.source, label: kind, events: [], rejected }, this.deps.ingest);
  }
}
