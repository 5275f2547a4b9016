import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FundingRate, Kline, MarketKind, OpenInterest, SymbolId, UnixMs } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';

/**
 * Tiny readers of the shipped market-data CSV files for tests (the production parsers live in
 * @cryptosignal/marketdata). Files are looked up as data/market/<kind>/<SYMBOL>.csv(.gz) in the repository,
 * else in the shared data copy beside it (../shared/data/market), as CI lays it out.
 */
const repoRoot = new URL('../../../../', import.meta.url).pathname;
const ROOTS = [join(repoRoot, 'data/market'), join(repoRoot, '../shared/data/market')];

const cache = new Map<string, string[][]>();

function readCsv(kind: string, symbol: string): string[][] {
  const key = `${kind}/${symbol}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const rows = readCsvUncached(kind, symbol);
  cache.set(key, rows);
  return rows;
}

function readCsvUncached(kind: string, symbol: string): string[][] {
  for (const root of ROOTS) {
    for (const ext of ['.csv.gz', '.csv']) {
      const path = join(root, kind, `${symbol}${ext}`);
      if (!existsSync(path)) continue;
      const raw = readFileSync(path);
      const text = ext === '.csv.gz' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      return text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','));
    }
  }
  throw new Error(`no market data file ${kind}/${symbol}.csv(.gz) under ${ROOTS.join(' or ')}`);
}

const num = (text: string | undefined): number | undefined =>
  text === undefined || text === '' ? undefined : Number(text);

/** Reads 1h klines of `kind` (klines_1h = perp, klines_1h_spot / klines_1h_spot_taker = spot). */
export function readKlines(kind: string, symbol: string, limit = Number.POSITIVE_INFINITY): Kline[] {
  const market: MarketKind = kind.startsWith('klines_1h_spot') ? 'spot' : 'perp';
  const rows = readCsv(kind, symbol);
  return rows.slice(0, Math.min(rows.length, limit)).map((r) => {
    const openTime = Number(r[0]) as UnixMs;
    return {
      symbol: symbol as SymbolId,
      interval: '1h',
      market,
      openTime,
      closeTime: (openTime + HOUR_MS - 1) as UnixMs,
      open: Number(r[1]),
      high: Number(r[2]),
      low: Number(r[3]),
      close: Number(r[4]),
      volume: Number(r[5]),
      quoteVolume: num(r[7]),
      tradeCount: num(r[8]),
      takerBuyVolume: num(r[9]),
      takerBuyQuoteVolume: num(r[10]),
    };
  });
}

/** Reads the funding history of `symbol` (empty when the file has no rows). */
export function readFunding(symbol: string): FundingRate[] {
  return readCsv('funding', symbol).map((r) => ({
    symbol: symbol as SymbolId,
    fundingTime: Number(r[1]) as UnixMs,
    rate: Number(r[2]),
  }));
}

/** Reads the open-interest samples of `symbol`. */
export function readOpenInterest(symbol: string): OpenInterest[] {
  return readCsv('open_interest', symbol).map((r) => ({
    symbol: symbol as SymbolId,
    timestamp: Number(r[1]) as UnixMs,
    period: r[2] as OpenInterest['period'],
    openInterest: Number(r[3]),
    openInterestValueUsdt: num(r[4]),
  }));
}

/** Reads the shipped public-trade sample of `symbol` (is_buyer_maker = the taker sold). */
export function readTrades(symbol: string): { timestamp: number; qty: number; isBuyerMaker: boolean }[] {
  return readCsv('trades', symbol).map((r) => ({
    timestamp: Number(r[1]),
    qty: Number(r[4]),
    isBuyerMaker: r[6]?.trim().toLowerCase() === 'true',
  }));
}
