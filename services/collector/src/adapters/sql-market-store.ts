import type { FundingRate, Kline } from '@cryptosignal/domain';
import type { DataKind, OpenInterestRow } from '@cryptosignal/marketdata';
import type { SqlClient, SqlExecutor } from '@cryptosignal/store';
import type { DepthEvent, IngestBatch, QuarantinedRow, StreamWatermark } from '../domain/market-event.js';
import type { TradeFlowWindow } from '../domain/trade-flow.js';
import type { KlineSeriesKey, MarketStore, WriteResult } from '../ports.js';
import { duplicateKeyRows, klineKey, klineKindOf } from './batch-keys.js';
import {
  type BulkStatement,
  insertQuarantine,
  upsertDepth,
  upsertFunding,
  upsertKlines,
  upsertOpenInterest,
  upsertTradeFlow,
} from './sql-rows.js';

/** Tables whose rows `rowCounts` reports. */
export const MARKET_TABLES = [
  'klines',
  'funding_rates',
  'open_interest',
  'depth_snapshots',
  'trade_flow',
  'market_quarantine',
] as const;

interface Split {
  klines: Kline[];
  funding: FundingRate[];
  openInterest: OpenInterestRow[];
  depth: DepthEvent[];
  flows: TradeFlowWindow[];
}

function split(batch: IngestBatch): Split {
  const out: Split = { klines: [], funding: [], openInterest: [], depth: [], flows: [] };
  for (const event of batch.events) {
    if (event.kind === 'kline') out.klines.push(event.value);
    else if (event.kind === 'funding') out.funding.push(event.value);
    else if (event.kind === 'open_interest') out.openInterest.push(event.value);
    else if (event.kind === 'depth') out.depth.push(event.value);
    else out.flows.push(event.value);
  }
  return out;
}

async function run(tx: SqlExecutor, statement: BulkStatement): Promise<number> {
  return (await tx.query(statement.sql, statement.params)).rowCount;
}

/**
 * The market tables over any SqlClient (PgStore on PostgreSQL, PgliteStore in embedded mode), with the
 * collector's migrations applied to the client's schema.
 */
export class SqlMarketStore implements MarketStore {
  constructor(private readonly sql: SqlClient) {}

  async writeBatch(batch: IngestBatch): Promise<WriteResult> {
    if (batch.events.length === 0 && batch.rejected.length === 0 && !batch.watermark)
      return { written: 0, quarantined: 0, conflicts: 0 };
    const rows = split(batch);
    const duplicates = duplicateKeyRows(batch, rows.klines);
    const klines = duplicates.kept;
    return this.sql.transaction(async (tx) => {
      const conflicts = await this.writeKlines(tx, batch, klines);
      let written = klines.length - conflicts.length;
      if (rows.funding.length > 0) written += await run(tx, upsertFunding(rows.funding, batch.source));
      if (rows.openInterest.length > 0)
        written += await run(tx, upsertOpenInterest(rows.openInterest, batch.source));
      if (rows.depth.length > 0) written += await run(tx, upsertDepth(rows.depth));
      if (rows.flows.length > 0) written += await run(tx, upsertTradeFlow(rows.flows, batch.source));
      const rejected = [...batch.rejected, ...duplicates.rejected, ...conflicts];
      if (rejected.length > 0) await run(tx, insertQuarantine(rejected));
      if (batch.watermark) await this.advanceWatermark(tx, batch.watermark);
      return { written, quarantined: rejected.length, conflicts: conflicts.length };
    });
  }

  async watermark(kind: DataKind, symbol: string): Promise<number | undefined> {
    const { rows } = await this.sql.query<{ last_ms: number }>(
      `SELECT (extract(epoch FROM last_event_time) * 1000)::bigint AS last_ms FROM collector_watermarks
       WHERE stream_kind = $1 AND symbol = $2`,
      [kind, symbol],
    );
    return rows[0]?.last_ms;
  }

  async klineOpenTimes(series: KlineSeriesKey, fromMs: number, toMs: number): Promise<number[]> {
    const { rows } = await this.sql.query<{ open_ms: number }>(
      `SELECT (extract(epoch FROM open_time) * 1000)::bigint AS open_ms FROM klines
       WHERE symbol = $1 AND market = $2 AND bar_interval = $3 AND open_time BETWEEN $4 AND $5
       ORDER BY open_time`,
      [
        series.symbol,
        series.market,
        series.interval,
        new Date(fromMs).toISOString(),
        new Date(toMs).toISOString(),
      ],
    );
    return rows.map((r) => r.open_ms);
  }

  async rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of MARKET_TABLES) {
      const { rows } = await this.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = rows[0]?.n ?? 0;
    }
    return counts;
  }

  private async writeKlines(
    tx: SqlExecutor,
    batch: IngestBatch,
    bars: readonly Kline[],
  ): Promise<QuarantinedRow[]> {
    if (bars.length === 0) return [];
    const statement = upsertKlines(bars, batch.source);
    const { rows } = await tx.query<{
      symbol: string;
      market: string;
      bar_interval: string;
      open_ms: number;
    }>(statement.sql, statement.params);
    if (rows.length === bars.length) return [];
    const taken = new Set(rows.map((r) => `${r.symbol}/${r.market}/${r.bar_interval}/${r.open_ms}`));
    return bars.filter((bar) => !taken.has(klineKey(bar))).map((bar) => conflictRow(batch, bar));
  }

  private async advanceWatermark(tx: SqlExecutor, mark: StreamWatermark): Promise<void> {
    await tx.query(
      `INSERT INTO collector_watermarks (stream_kind, symbol, last_event_time) VALUES ($1, $2, $3)
       ON CONFLICT (stream_kind, symbol) DO UPDATE
       SET last_event_time = GREATEST(collector_watermarks.last_event_time, EXCLUDED.last_event_time),
           updated_at = now()`,
      [mark.kind, mark.symbol, new Date(mark.eventTimeMs).toISOString()],
    );
  }
}

function conflictRow(batch: IngestBatch, bar: Kline): QuarantinedRow {
  return {
    kind: batch.watermark?.kind ?? klineKindOf(bar),
    symbol: bar.symbol,
    source: batch.source,
    sourceRef: `klines/${bar.market}/${bar.interval}`,
    itemKey: `${klineKey(bar)}@${batch.source}`,
    reason: 'conflict',
    detail: `the stored ${bar.interval} bar of ${bar.openTime} has different open/high/low/close/volume`,
    payload: bar,
    eventTimeMs: bar.closeTime,
  };
}
