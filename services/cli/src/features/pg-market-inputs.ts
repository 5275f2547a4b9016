import type { FundingRate, Kline, MarketKind, OpenInterest, SymbolId, UnixMs } from '@cryptosignal/domain';
import type { SqlClient } from '@cryptosignal/store';
import { type FlowWindow, hourlyFlowOfWindows } from './flow-hours.js';
import { REFERENCE_SYMBOL, type SymbolInputs } from './market-dir.js';
import type { MarketInputs, ReferenceKlines } from './market-inputs.js';

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;

interface KlineRow {
  readonly open_ms: number;
  readonly close_ms: number;
  readonly open_price: number;
  readonly high_price: number;
  readonly low_price: number;
  readonly close_price: number;
  readonly volume_base: number;
  readonly quote_volume_usdt: number | null;
  readonly trade_count: number | null;
  readonly taker_buy_volume_base: number | null;
  readonly taker_buy_quote_volume_usdt: number | null;
}

/** Returns `{ [key]: value }`, or nothing for a SQL null, so optional fields stay absent as in a parsed file. */
const optional = <K extends string>(key: K, value: number | null) =>
  (value === null ? {} : { [key]: value }) as Partial<Record<K, number>>;

function klineOf(symbol: SymbolId, market: MarketKind, r: KlineRow): Kline {
  return {
    symbol,
    interval: '1h',
    market,
    openTime: r.open_ms as UnixMs,
    closeTime: r.close_ms as UnixMs,
    open: r.open_price,
    high: r.high_price,
    low: r.low_price,
    close: r.close_price,
    volume: r.volume_base,
    ...optional('quoteVolume', r.quote_volume_usdt),
    ...optional('tradeCount', r.trade_count),
    ...optional('takerBuyVolume', r.taker_buy_volume_base),
    ...optional('takerBuyQuoteVolume', r.taker_buy_quote_volume_usdt),
  };
}

/**
 * MarketInputs of the collector's PostgreSQL tables (services/collector/migrations): `klines` (1h bars,
 * `perp` for the symbols, `spot` too for the reference), `funding_rates`, `open_interest` and `trade_flow`
 * (the 1m windows the collector aggregates trades into, summed to whole hours; perpetual windows when the
 * symbol has any, else spot ones, as a recording names no venue). Each symbol's whole stored history is read,
 * as the directory adapter reads whole files, so both give the same matrix for the same data.
 * Thrown (RetryableError) when the database cannot be reached; the database's error on a missing table.
 */
export class PgMarketInputs implements MarketInputs {
  constructor(
    private readonly sql: SqlClient,
    readonly label: string,
  ) {}

  async symbols(): Promise<SymbolId[]> {
    // A skip scan over the primary key (symbol, market, bar_interval, open_time): one index probe per symbol.
    const { rows } = await this.sql.query<{ symbol: string }>(
      `WITH RECURSIVE s(symbol) AS (
         SELECT min(symbol) FROM klines WHERE market = 'perp' AND bar_interval = '1h'
         UNION ALL
         SELECT (SELECT min(symbol) FROM klines WHERE market = 'perp' AND bar_interval = '1h' AND symbol > s.symbol)
         FROM s WHERE s.symbol IS NOT NULL)
       SELECT symbol FROM s WHERE symbol IS NOT NULL`,
    );
    return rows.map((r) => r.symbol as SymbolId).sort();
  }

  async reference(): Promise<ReferenceKlines> {
    return {
      perp: await this.klines(REFERENCE_SYMBOL, 'perp'),
      spot: await this.klines(REFERENCE_SYMBOL, 'spot'),
    };
  }

  async symbolInputs(symbol: SymbolId): Promise<SymbolInputs> {
    return {
      klines: await this.klines(symbol, 'perp'),
      funding: await this.funding(symbol),
      openInterest: await this.openInterest(symbol),
      tradeFlow: hourlyFlowOfWindows(await this.flowWindows(symbol)),
    };
  }

  async close(): Promise<void> {
    await this.sql.close();
  }

  private async klines(symbol: SymbolId, market: MarketKind): Promise<Kline[]> {
    const { rows } = await this.sql.query<KlineRow>(
      `SELECT ${ms('open_time')} AS open_ms, ${ms('close_time')} AS close_ms, open_price, high_price, low_price,
         close_price, volume_base, quote_volume_usdt, trade_count, taker_buy_volume_base,
         taker_buy_quote_volume_usdt
       FROM klines WHERE symbol = $1 AND market = $2 AND bar_interval = '1h' ORDER BY open_time`,
      [symbol, market],
    );
    return rows.map((r) => klineOf(symbol, market, r));
  }

  private async funding(symbol: SymbolId): Promise<FundingRate[]> {
    const { rows } = await this.sql.query<{ t_ms: number; rate: number; mark: number | null }>(
      `SELECT ${ms('funding_time')} AS t_ms, funding_rate AS rate, mark_price AS mark
       FROM funding_rates WHERE symbol = $1 ORDER BY funding_time`,
      [symbol],
    );
    return rows.map((r) => ({
      symbol,
      fundingTime: r.t_ms as UnixMs,
      rate: r.rate,
      ...optional('markPrice', r.mark),
    }));
  }

  private async openInterest(symbol: SymbolId): Promise<OpenInterest[]> {
    const { rows } = await this.sql.query<{
      t_ms: number;
      period: OpenInterest['period'];
      oi: number;
      oi_usdt: number | null;
    }>(
      `SELECT ${ms('sample_time')} AS t_ms, period, open_interest_base AS oi, open_interest_usdt AS oi_usdt
       FROM open_interest WHERE symbol = $1 ORDER BY sample_time, period`,
      [symbol],
    );
    return rows.map((r) => ({
      symbol,
      timestamp: r.t_ms as UnixMs,
      period: r.period,
      openInterest: r.oi,
      ...optional('openInterestValueUsdt', r.oi_usdt),
    }));
  }

  private async flowWindows(symbol: SymbolId): Promise<FlowWindow[]> {
    const { rows } = await this.sql.query<FlowWindow & { market: MarketKind }>(
      `SELECT market, ${ms('window_start')} AS "startMs", ${ms('window_end')} AS "endMs",
         buy_volume_base AS "buyVolume", sell_volume_base AS "sellVolume"
       FROM trade_flow WHERE symbol = $1 AND window_interval = '1m' ORDER BY market, window_start`,
      [symbol],
    );
    const market: MarketKind = rows.some((r) => r.market === 'perp') ? 'perp' : 'spot';
    return rows.filter((r) => r.market === market);
  }
}
