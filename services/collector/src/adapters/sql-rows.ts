import type { FundingRate, Kline } from '@cryptosignal/domain';
import type { OpenInterestRow } from '@cryptosignal/marketdata';
import type { DepthEvent, QuarantinedRow } from '../domain/market-event.js';
import type { TradeFlowWindow } from '../domain/trade-flow.js';

/** One multi-row statement: `unnest` over one array parameter per column, so a batch is one round trip. */
export interface BulkStatement {
  readonly sql: string;
  readonly params: unknown[];
}

/** A column of a bulk insert: its name, SQL type and value; `time` columns travel as epoch ms (float8). */
interface Column<T> {
  readonly name: string;
  readonly type: string;
  readonly get: (row: T) => unknown;
  readonly time?: boolean;
}

const opt = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/**
 * Returns `INSERT INTO <table> (<columns>) SELECT … FROM unnest($1::t1[], …)` and its parameters. Times are
 * sent as epoch-ms float8 arrays and turned into timestamptz by `to_timestamp(ms / 1000.0)` (exact to the ms;
 * a third faster than sending ISO text).
 */
function bulkInsert<T>(table: string, rows: readonly T[], columns: readonly Column<T>[]): BulkStatement {
  const names = columns.map((c) => c.name).join(', ');
  const selected = columns.map((c, i) => (c.time ? `to_timestamp(u.c${i} / 1000.0)` : `u.c${i}`)).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.time ? 'float8' : c.type}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  return {
    sql: `INSERT INTO ${table} (${names}) SELECT ${selected} FROM unnest(${arrays}) AS u(${aliases})`,
    params: columns.map((c) => rows.map(c.get)),
  };
}

function withConflict(statement: BulkStatement, clause: string): BulkStatement {
  return { sql: `${statement.sql} ${clause}`, params: statement.params };
}

/**
 * Upserts klines. An existing bar is updated only when its O/H/L/C/V and close time agree with the new one,
 * and then only to fill optional fields it lacked (COALESCE): two sources of the same bar merge, a disagreeing
 * source never overwrites. RETURNING lists the rows taken, so the caller quarantines the others as conflicts.
 */
export function upsertKlines(bars: readonly Kline[], source: string): BulkStatement {
  const statement = bulkInsert<Kline>('klines AS k', bars, [
    { name: 'symbol', type: 'text', get: (b) => b.symbol },
    { name: 'market', type: 'text', get: (b) => b.market },
    { name: 'bar_interval', type: 'text', get: (b) => b.interval },
    { name: 'open_time', type: 'timestamptz', get: (b) => b.openTime, time: true },
    { name: 'close_time', type: 'timestamptz', get: (b) => b.closeTime, time: true },
    { name: 'open_price', type: 'float8', get: (b) => b.open },
    { name: 'high_price', type: 'float8', get: (b) => b.high },
    { name: 'low_price', type: 'float8', get: (b) => b.low },
    { name: 'close_price', type: 'float8', get: (b) => b.close },
    { name: 'volume_base', type: 'float8', get: (b) => b.volume },
    { name: 'quote_volume_usdt', type: 'float8', get: (b) => opt(b.quoteVolume) },
    { name: 'trade_count', type: 'bigint', get: (b) => opt(b.tradeCount) },
    { name: 'taker_buy_volume_base', type: 'float8', get: (b) => opt(b.takerBuyVolume) },
    { name: 'taker_buy_quote_volume_usdt', type: 'float8', get: (b) => opt(b.takerBuyQuoteVolume) },
    { name: 'source', type: 'text', get: () => source },
  ]);
  return withConflict(
    statement,
    `ON CONFLICT (symbol, market, bar_interval, open_time) DO UPDATE SET
      quote_volume_usdt = COALESCE(k.quote_volume_usdt, EXCLUDED.quote_volume_usdt),
      trade_count = COALESCE(k.trade_count, EXCLUDED.trade_count),
      taker_buy_volume_base = COALESCE(k.taker_buy_volume_base, EXCLUDED.taker_buy_volume_base),
      taker_buy_quote_volume_usdt = COALESCE(k.taker_buy_quote_volume_usdt, EXCLUDED.taker_buy_quote_volume_usdt)
    WHERE (k.open_price, k.high_price, k.low_price, k.close_price, k.volume_base, k.close_time)
      = (EXCLUDED.open_price, EXCLUDED.high_price, EXCLUDED.low_price, EXCLUDED.close_price,
         EXCLUDED.volume_base, EXCLUDED.close_time)
    RETURNING k.symbol, k.market, k.bar_interval, (extract(epoch FROM k.open_time) * 1000)::bigint AS open_ms`,
  );
}

/** Upserts funding events (a re-sent event replaces the stored one: same key, same fact). */
export function upsertFunding(rows: readonly FundingRate[], source: string): BulkStatement {
  const statement = bulkInsert<FundingRate>('funding_rates', rows, [
    { name: 'symbol', type: 'text', get: (r) => r.symbol },
    { name: 'funding_time', type: 'timestamptz', get: (r) => r.fundingTime, time: true },
    { name: 'funding_rate', type: 'float8', get: (r) => r.rate },
    { name: 'mark_price', type: 'float8', get: (r) => opt(r.markPrice) },
    { name: 'source', type: 'text', get: () => source },
  ]);
  return withConflict(
    statement,
    `ON CONFLICT (symbol, funding_time) DO UPDATE SET funding_rate = EXCLUDED.funding_rate,
      mark_price = COALESCE(EXCLUDED.mark_price, funding_rates.mark_price)`,
  );
}

/** Upserts open-interest samples. */
export function upsertOpenInterest(rows: readonly OpenInterestRow[], source: string): BulkStatement {
  const statement = bulkInsert<OpenInterestRow>('open_interest', rows, [
    { name: 'symbol', type: 'text', get: (r) => r.symbol },
    { name: 'period', type: 'text', get: (r) => r.period },
    { name: 'sample_time', type: 'timestamptz', get: (r) => r.timestamp, time: true },
    { name: 'open_interest_base', type: 'float8', get: (r) => r.openInterest },
    { name: 'open_interest_usdt', type: 'float8', get: (r) => opt(r.openInterestValueUsdt) },
    {
      name: 'count_top_trader_long_short_ratio',
      type: 'float8',
      get: (r) => opt(r.countTopTraderLongShortRatio),
    },
    {
      name: 'sum_top_trader_long_short_ratio',
      type: 'float8',
      get: (r) => opt(r.sumTopTraderLongShortRatio),
    },
    { name: 'count_long_short_ratio', type: 'float8', get: (r) => opt(r.countLongShortRatio) },
    { name: 'sum_taker_long_short_vol_ratio', type: 'float8', get: (r) => opt(r.sumTakerLongShortVolRatio) },
    { name: 'source', type: 'text', get: () => source },
  ]);
  return withConflict(
    statement,
    `ON CONFLICT (symbol, period, sample_time) DO UPDATE SET open_interest_base = EXCLUDED.open_interest_base,
      open_interest_usdt = EXCLUDED.open_interest_usdt,
      count_top_trader_long_short_ratio = EXCLUDED.count_top_trader_long_short_ratio,
      sum_top_trader_long_short_ratio = EXCLUDED.sum_top_trader_long_short_ratio,
      count_long_short_ratio = EXCLUDED.count_long_short_ratio,
      sum_taker_long_short_vol_ratio = EXCLUDED.sum_taker_long_short_vol_ratio`,
  );
}

const side = (levels: DepthEvent['book']['bids']) => JSON.stringify(levels.map((l) => [l.price, l.qty]));

/** Upserts book snapshots with their derived features. */
export function upsertDepth(rows: readonly DepthEvent[]): BulkStatement {
  const statement = bulkInsert<DepthEvent>('depth_snapshots', rows, [
    { name: 'symbol', type: 'text', get: (r) => r.book.symbol },
    { name: 'market', type: 'text', get: (r) => r.book.market },
    { name: 'snapshot_time', type: 'timestamptz', get: (r) => r.book.timestamp, time: true },
    { name: 'last_update_id', type: 'bigint', get: (r) => opt(r.book.lastUpdateId) },
    { name: 'bids', type: 'jsonb', get: (r) => side(r.book.bids) },
    { name: 'asks', type: 'jsonb', get: (r) => side(r.book.asks) },
    { name: 'level_count', type: 'int', get: (r) => r.book.bids.length + r.book.asks.length },
    { name: 'spread_bps', type: 'float8', get: (r) => opt(r.features.spreadBps) },
    { name: 'bid_liquidity_10bps_usdt', type: 'float8', get: (r) => r.features.bidLiquidity10bpsUsdt },
    { name: 'ask_liquidity_10bps_usdt', type: 'float8', get: (r) => r.features.askLiquidity10bpsUsdt },
    { name: 'imbalance', type: 'float8', get: (r) => opt(r.features.imbalance) },
    { name: 'source', type: 'text', get: (r) => r.book.source },
  ]);
  return withConflict(
    statement,
    `ON CONFLICT (symbol, market, snapshot_time) DO UPDATE SET last_update_id = EXCLUDED.last_update_id,
      bids = EXCLUDED.bids, asks = EXCLUDED.asks, level_count = EXCLUDED.level_count,
      spread_bps = EXCLUDED.spread_bps, bid_liquidity_10bps_usdt = EXCLUDED.bid_liquidity_10bps_usdt,
      ask_liquidity_10bps_usdt = EXCLUDED.ask_liquidity_10bps_usdt, imbalance = EXCLUDED.imbalance,
      source = EXCLUDED.source`,
  );
}

/** Upserts trade-flow windows. */
export function upsertTradeFlow(rows: readonly TradeFlowWindow[], source: string): BulkStatement {
  const statement = bulkInsert<TradeFlowWindow>('trade_flow', rows, [
    { name: 'symbol', type: 'text', get: (r) => r.symbol },
    { name: 'market', type: 'text', get: (r) => r.market },
    { name: 'window_interval', type: 'text', get: (r) => r.interval },
    { name: 'window_start', type: 'timestamptz', get: (r) => r.windowStartMs, time: true },
    { name: 'window_end', type: 'timestamptz', get: (r) => r.windowEndMs, time: true },
    { name: 'buy_volume_base', type: 'float8', get: (r) => r.buyVolume },
    { name: 'sell_volume_base', type: 'float8', get: (r) => r.sellVolume },
    { name: 'buy_sell_ratio', type: 'float8', get: (r) => opt(r.buySellRatio) },
    { name: 'trade_count', type: 'int', get: (r) => r.tradeCount },
    { name: 'large_trade_threshold_usdt', type: 'float8', get: (r) => r.largeTradeThresholdUsdt },
    { name: 'large_trade_count', type: 'int', get: (r) => r.largeTradeCount },
    { name: 'large_buy_count', type: 'int', get: (r) => r.largeBuyCount },
    { name: 'large_sell_count', type: 'int', get: (r) => r.largeSellCount },
    { name: 'large_buy_volume_usdt', type: 'float8', get: (r) => r.largeBuyVolumeUsdt },
    { name: 'large_sell_volume_usdt', type: 'float8', get: (r) => r.largeSellVolumeUsdt },
    { name: 'source', type: 'text', get: () => source },
  ]);
  return withConflict(
    statement,
    `ON CONFLICT (symbol, market, window_interval, window_start) DO UPDATE SET window_end = EXCLUDED.window_end,
      buy_volume_base = EXCLUDED.buy_volume_base, sell_volume_base = EXCLUDED.sell_volume_base,
      buy_sell_ratio = EXCLUDED.buy_sell_ratio, trade_count = EXCLUDED.trade_count,
      large_trade_threshold_usdt = EXCLUDED.large_trade_threshold_usdt,
      large_trade_count = EXCLUDED.large_trade_count, large_buy_count = EXCLUDED.large_buy_count,
      large_sell_count = EXCLUDED.large_sell_count, large_buy_volume_usdt = EXCLUDED.large_buy_volume_usdt,
      large_sell_volume_usdt = EXCLUDED.large_sell_volume_usdt`,
  );
}

/** Inserts quarantined rows once: a row already quarantined for the same reason is left as it is. */
export function insertQuarantine(rows: readonly QuarantinedRow[]): BulkStatement {
  const statement = bulkInsert<QuarantinedRow>('market_quarantine', rows, [
    { name: 'source', type: 'text', get: (r) => r.source },
    { name: 'stream_kind', type: 'text', get: (r) => r.kind },
    { name: 'symbol', type: 'text', get: (r) => r.symbol },
    { name: 'item_key', type: 'text', get: (r) => r.itemKey },
    { name: 'reason', type: 'text', get: (r) => r.reason },
    { name: 'detail', type: 'text', get: (r) => r.detail },
    { name: 'source_ref', type: 'text', get: (r) => r.sourceRef },
    { name: 'row_number', type: 'int', get: (r) => opt(r.row) },
    { name: 'event_time', type: 'timestamptz', get: (r) => opt(r.eventTimeMs), time: true },
    { name: 'payload', type: 'jsonb', get: (r) => JSON.stringify(r.payload ?? null) },
  ]);
  return withConflict(statement, 'ON CONFLICT DO NOTHING');
}
