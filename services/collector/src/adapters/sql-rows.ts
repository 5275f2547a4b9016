import type { FundingRate, Kline } from '@cryptosignal/domain';
import type { OpenInterestRow } from '@cryptosignal/marketdata';
import type { DepthEvent, QuarantinedRow } from '../domain/market-event.js';
import type { TradeFlowWindow } from '../domain/trade-flow.js';

/** One multi-row statement: `unnest` over one array parameter per column, so a batch is one round trip. */
export interface BulkStatement {
  readonly sql: string;
  readonly params: unknown[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const opt = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

function columns<T>(rows: readonly T[], pick: readonly ((row: T) => unknown)[]): unknown[] {
  return pick.map((get) => rows.map(get));
}

/**
 * Upserts klines. An existing bar is updated only when its O/H/L/C/V agree with the new one, and then only to
 * fill optional fields it lacked (COALESCE): two sources of the same bar merge, a disagreeing source never
 * overwrites. RETURNING lists the rows taken, so the caller quarantines the others as conflicts.
 */
export function upsertKlines(bars: readonly Kline[], source: string): BulkStatement {
  const sql = `INSERT INTO klines AS k (symbol, market, bar_interval, open_time, close_time, open_price, high_price,
      low_price, close_price, volume_base, quote_volume_usdt, trade_count, taker_buy_volume_base,
      taker_buy_quote_volume_usdt, source)
    SELECT u.*, $15::text FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[],
      $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::bigint[],
      $13::float8[], $14::float8[]) AS u
    ON CONFLICT (symbol, market, bar_interval, open_time) DO UPDATE SET
      quote_volume_usdt = COALESCE(k.quote_volume_usdt, EXCLUDED.quote_volume_usdt),
      trade_count = COALESCE(k.trade_count, EXCLUDED.trade_count),
      taker_buy_volume_base = COALESCE(k.taker_buy_volume_base, EXCLUDED.taker_buy_volume_base),
      taker_buy_quote_volume_usdt = COALESCE(k.taker_buy_quote_volume_usdt, EXCLUDED.taker_buy_quote_volume_usdt)
    WHERE (k.open_price, k.high_price, k.low_price, k.close_price, k.volume_base, k.close_time)
      = (EXCLUDED.open_price, EXCLUDED.high_price, EXCLUDED.low_price, EXCLUDED.close_price,
         EXCLUDED.volume_base, EXCLUDED.close_time)
    RETURNING k.symbol, k.market, k.bar_interval, (extract(epoch FROM k.open_time) * 1000)::bigint AS open_ms`;
  const params = columns(bars, [
    (b) => b.symbol,
    (b) => b.market,
    (b) => b.interval,
    (b) => iso(b.openTime),
    (b) => iso(b.closeTime),
    (b) => b.open,
    (b) => b.high,
    (b) => b.low,
    (b) => b.close,
    (b) => b.volume,
    (b) => opt(b.quoteVolume),
    (b) => opt(b.tradeCount),
    (b) => opt(b.takerBuyVolume),
    (b) => opt(b.takerBuyQuoteVolume),
  ]);
  return { sql, params: [...params, source] };
}

/** Upserts funding events (a re-sent event replaces the stored one: same key, same fact). */
export function upsertFunding(rows: readonly FundingRate[], source: string): BulkStatement {
  const sql = `INSERT INTO funding_rates (symbol, funding_time, funding_rate, mark_price, source)
    SELECT u.*, $5::text FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[]) AS u
    ON CONFLICT (symbol, funding_time) DO UPDATE SET funding_rate = EXCLUDED.funding_rate,
      mark_price = COALESCE(EXCLUDED.mark_price, funding_rates.mark_price)`;
  const params = columns(rows, [
    (r) => r.symbol,
    (r) => iso(r.fundingTime),
    (r) => r.rate,
    (r) => opt(r.markPrice),
  ]);
  return { sql, params: [...params, source] };
}

/** Upserts open-interest samples. */
export function upsertOpenInterest(rows: readonly OpenInterestRow[], source: string): BulkStatement {
  const sql = `INSERT INTO open_interest (symbol, period, sample_time, open_interest_base, open_interest_usdt,
      count_top_trader_long_short_ratio, sum_top_trader_long_short_ratio, count_long_short_ratio,
      sum_taker_long_short_vol_ratio, source)
    SELECT u.*, $10::text FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::float8[],
      $6::float8[], $7::float8[], $8::float8[], $9::float8[]) AS u
    ON CONFLICT (symbol, period, sample_time) DO UPDATE SET open_interest_base = EXCLUDED.open_interest_base,
      open_interest_usdt = EXCLUDED.open_interest_usdt,
      count_top_trader_long_short_ratio = EXCLUDED.count_top_trader_long_short_ratio,
      sum_top_trader_long_short_ratio = EXCLUDED.sum_top_trader_long_short_ratio,
      count_long_short_ratio = EXCLUDED.count_long_short_ratio,
      sum_taker_long_short_vol_ratio = EXCLUDED.sum_taker_long_short_vol_ratio`;
  const params = columns(rows, [
    (r) => r.symbol,
    (r) => r.period,
    (r) => iso(r.timestamp),
    (r) => r.openInterest,
    (r) => opt(r.openInterestValueUsdt),
    (r) => opt(r.countTopTraderLongShortRatio),
    (r) => opt(r.sumTopTraderLongShortRatio),
    (r) => opt(r.countLongShortRatio),
    (r) => opt(r.sumTakerLongShortVolRatio),
  ]);
  return { sql, params: [...params, source] };
}

/** Upserts book snapshots with their derived features. */
export function upsertDepth(rows: readonly DepthEvent[]): BulkStatement {
  const sql = `INSERT INTO depth_snapshots (symbol, market, snapshot_time, last_update_id, bids, asks, level_count,
      spread_bps, bid_liquidity_10bps_usdt, ask_liquidity_10bps_usdt, imbalance, source)
    SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::jsonb[], $6::jsonb[],
      $7::int[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::text[])
    ON CONFLICT (symbol, market, snapshot_time) DO UPDATE SET last_update_id = EXCLUDED.last_update_id,
      bids = EXCLUDED.bids, asks = EXCLUDED.asks, level_count = EXCLUDED.level_count,
      spread_bps = EXCLUDED.spread_bps, bid_liquidity_10bps_usdt = EXCLUDED.bid_liquidity_10bps_usdt,
      ask_liquidity_10bps_usdt = EXCLUDED.ask_liquidity_10bps_usdt, imbalance = EXCLUDED.imbalance,
      source = EXCLUDED.source`;
  const side = (levels: DepthEvent['book']['bids']) => JSON.stringify(levels.map((l) => [l.price, l.qty]));
  const params = columns(rows, [
    (r) => r.book.symbol,
    (r) => r.book.market,
    (r) => iso(r.book.timestamp),
    (r) => opt(r.book.lastUpdateId),
    (r) => side(r.book.bids),
    (r) => side(r.book.asks),
    (r) => r.book.bids.length + r.book.asks.length,
    (r) => opt(r.features.spreadBps),
    (r) => r.features.bidLiquidity10bpsUsdt,
    (r) => r.features.askLiquidity10bpsUsdt,
    (r) => opt(r.features.imbalance),
    (r) => r.book.source,
  ]);
  return { sql, params };
}

/** Upserts trade-flow windows. */
export function upsertTradeFlow(rows: readonly TradeFlowWindow[], source: string): BulkStatement {
  const sql = `INSERT INTO trade_flow (symbol, market, window_interval, window_start, window_end, buy_volume_base,
      sell_volume_base, buy_sell_ratio, trade_count, large_trade_threshold_usdt, large_trade_count,
      large_buy_count, large_sell_count, large_buy_volume_usdt, large_sell_volume_usdt, source)
    SELECT u.*, $16::text FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[],
      $6::float8[], $7::float8[], $8::float8[], $9::int[], $10::float8[], $11::int[], $12::int[], $13::int[],
      $14::float8[], $15::float8[]) AS u
    ON CONFLICT (symbol, market, window_interval, window_start) DO UPDATE SET window_end = EXCLUDED.window_end,
      buy_volume_base = EXCLUDED.buy_volume_base, sell_volume_base = EXCLUDED.sell_volume_base,
      buy_sell_ratio = EXCLUDED.buy_sell_ratio, trade_count = EXCLUDED.trade_count,
      large_trade_threshold_usdt = EXCLUDED.large_trade_threshold_usdt,
      large_trade_count = EXCLUDED.large_trade_count, large_buy_count = EXCLUDED.large_buy_count,
      large_sell_count = EXCLUDED.large_sell_count, large_buy_volume_usdt = EXCLUDED.large_buy_volume_usdt,
      large_sell_volume_usdt = EXCLUDED.large_sell_volume_usdt`;
  const params = columns(rows, [
    (r) => r.symbol,
    (r) => r.market,
    (r) => r.interval,
    (r) => iso(r.windowStartMs),
    (r) => iso(r.windowEndMs),
    (r) => r.buyVolume,
    (r) => r.sellVolume,
    (r) => opt(r.buySellRatio),
    (r) => r.tradeCount,
    (r) => r.largeTradeThresholdUsdt,
    (r) => r.largeTradeCount,
    (r) => r.largeBuyCount,
    (r) => r.largeSellCount,
    (r) => r.largeBuyVolumeUsdt,
    (r) => r.largeSellVolumeUsdt,
  ]);
  return { sql, params: [...params, source] };
}

/** Inserts quarantined rows once: a row already quarantined for the same reason is left as it is. */
export function insertQuarantine(rows: readonly QuarantinedRow[]): BulkStatement {
  const sql = `INSERT INTO market_quarantine (source, stream_kind, symbol, item_key, reason, detail, source_ref,
      row_number, event_time, payload)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::int[], $9::timestamptz[], $10::jsonb[])
    ON CONFLICT DO NOTHING`;
  const params = columns(rows, [
    (r) => r.source,
    (r) => r.kind,
    (r) => r.symbol,
    (r) => r.itemKey,
    (r) => r.reason,
    (r) => r.detail,
    (r) => r.sourceRef,
    (r) => opt(r.row),
    (r) => (r.eventTimeMs === undefined ? null : iso(r.eventTimeMs)),
    (r) => JSON.stringify(r.payload ?? null),
  ]);
  return { sql, params };
}
