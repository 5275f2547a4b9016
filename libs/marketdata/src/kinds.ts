import { basename, dirname } from 'node:path';
import {
  DAY_MS,
  HOUR_MS,
  type KlineInterval,
  type MarketKind,
  MINUTE_MS,
  parseSymbol,
  type SymbolId,
} from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';

/** Kind of a market-data file, named after the directory that holds it (`data/market/<kind>/<SYMBOL>.csv[.gz]`). */
export type DataKind =
  | 'klines_1h'
  | 'klines_1h_spot'
  | 'klines_1h_spot_taker'
  | 'klines_1d_taker'
  | 'klines_1m'
  | 'funding'
  | 'open_interest'
  | 'depth'
  | 'trades';

/** The 12 Binance kline columns, in file order. */
export const KLINE_HEADER = [
  'open_time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'close_time',
  'quote_volume',
  'count',
  'taker_buy_volume',
  'taker_buy_quote_volume',
  'ignore',
] as const;

/** Header of a funding file. */
export const FUNDING_HEADER = ['symbol', 'funding_time', 'funding_rate', 'mark_price'] as const;

/** Header of an open-interest file (Binance openInterestHist / metrics field names). */
export const OPEN_INTEREST_HEADER = [
  'symbol',
  'timestamp',
  'period',
  'sum_open_interest',
  'sum_open_interest_value',
  'count_toptrader_long_short_ratio',
  'sum_toptrader_long_short_ratio',
  'count_long_short_ratio',
  'sum_taker_long_short_vol_ratio',
] as const;

/** Header of a long-format depth file: one row per price level of a snapshot. */
export const DEPTH_HEADER = ['symbol', 'timestamp', 'source', 'side', 'level', 'price', 'qty'] as const;

/** Header of a trades file. */
export const TRADES_HEADER = [
  'symbol',
  'timestamp',
  'trade_id',
  'price',
  'qty',
  'quote_qty',
  'is_buyer_maker',
] as const;

/** What every file of a kind holds. */
export interface KindSpec {
  readonly family: 'klines' | 'funding' | 'open_interest' | 'depth' | 'trades';
  readonly header: readonly string[];
  /** Bar interval and its length in ms (klines only). */
  readonly interval?: KlineInterval;
  readonly intervalMs?: number;
  /** Market of the bars (klines only); see {@link klineMarket} for per-file exceptions. */
  readonly market?: MarketKind;
}

const kline = (interval: KlineInterval, intervalMs: number, market: MarketKind): KindSpec => ({
  family: 'klines',
  header: KLINE_HEADER,
  interval,
  intervalMs,
  market,
});

/** Every known kind and its spec (market per data/market/PROVENANCE.md). */
export const KIND_SPECS: Readonly<Record<DataKind, KindSpec>> = {
  klines_1h: kline('1h', HOUR_MS, 'perp'),
  klines_1h_spot: kline('1h', HOUR_MS, 'spot'),
  klines_1h_spot_taker: kline('1h', HOUR_MS, 'spot'),
  klines_1d_taker: kline('1d', DAY_MS, 'perp'),
  klines_1m: kline('1m', MINUTE_MS, 'perp'),
  funding: { family: 'funding', header: FUNDING_HEADER },
  open_interest: { family: 'open_interest', header: OPEN_INTEREST_HEADER },
  depth: { family: 'depth', header: DEPTH_HEADER },
  trades: { family: 'trades', header: TRADES_HEADER },
};

/** Files whose market differs from their kind's: klines_1m/BTCUSDT is Binance spot (PROVENANCE.md, source 5). */
const MARKET_EXCEPTIONS: Readonly<Record<string, MarketKind>> = { 'klines_1m/BTCUSDT': 'spot' };

/** Returns the market of the klines of `symbol` in a file of `kind`. */
export function klineMarket(kind: DataKind, symbol: SymbolId): MarketKind {
  return MARKET_EXCEPTIONS[`${kind}/${symbol}`] ?? KIND_SPECS[kind].market ?? 'perp';
}

/** Returns true when `name` is one of the known data kinds. */
export function isDataKind(name: string): name is DataKind {
  return Object.hasOwn(KIND_SPECS, name);
}

/** A data file with what its path says about it. */
export interface DataFile {
  readonly path: string;
  readonly kind: DataKind;
  readonly symbol: SymbolId;
  readonly gzip: boolean;
}

const FILE_RE = /^(.+)\.csv(\.gz)?$/;

/** Returns true when `path` names a CSV or gzip-compressed CSV file. */
export function isDataFileName(path: string): boolean {
  return FILE_RE.test(basename(path));
}

/**
 * Returns the kind, symbol and compression of the file at `path` (`<kind>/<SYMBOL>.csv` or `.csv.gz`); the
 * kind comes from the parent directory's name unless `kind` is given.
 * Thrown (ConfigError) when the name is not `<SYMBOL>.csv[.gz]` or the kind cannot be inferred.
 */
export function describeFile(path: string, kind?: DataKind): DataFile {
  const match = FILE_RE.exec(basename(path));
  if (!match) throw new ConfigError(`${path}: not a .csv or .csv.gz file`);
  const dir = basename(dirname(path));
  const resolved = kind ?? (isDataKind(dir) ? dir : undefined);
  if (!resolved)
    throw new ConfigError(
      `${path}: cannot infer the data kind from directory '${dir}' (expected one of ${Object.keys(KIND_SPECS).join(', ')})`,
    );
  let symbol: SymbolId;
  try {
    symbol = parseSymbol(match[1] ?? '');
  } catch (error) {
    throw new ConfigError(`${path}: file name must be <SYMBOL>.csv[.gz]`, [], { cause: error });
  }
  return { path, kind: resolved, symbol, gzip: match[2] !== undefined };
}
