import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FundingRate, Kline, OpenInterest, SymbolId } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import { aggregateTradeFlow, type TradeFlow } from '@cryptosignal/features';
import {
  type Parsed,
  parseFunding,
  parseKlines,
  parseOpenInterest,
  parseTrades,
  type Trade,
} from '@cryptosignal/marketdata';
import { ConfigError } from '@cryptosignal/runtime';

/** The market reference symbol (DESIGN.md: BTC perp, else BTC spot). */
export const REFERENCE_SYMBOL = 'BTCUSDT' as SymbolId;

/** Everything the export reads about one symbol. */
export interface SymbolInputs {
  readonly klines: readonly Kline[];
  readonly funding: readonly FundingRate[];
  readonly openInterest: readonly OpenInterest[];
  readonly tradeFlow: readonly TradeFlow[];
}

/** Returns the `<SYMBOL>.csv(.gz)` files of `dir/kind`, by symbol (an empty map when the folder is absent). */
export function filesOf(dir: string, kind: string): Map<SymbolId, string> {
  const folder = join(dir, kind);
  const out = new Map<SymbolId, string>();
  if (!existsSync(folder)) return out;
  for (const name of readdirSync(folder).sort()) {
    const m = /^([A-Z0-9]+)\.csv(\.gz)?$/.exec(name);
    if (m) out.set(m[1] as SymbolId, join(folder, name));
  }
  return out;
}

/** Collects a parser's values. Thrown (ConfigError) at the first unreadable row: run `data validate` on the file. */
async function collect<T>(rows: AsyncGenerator<Parsed<T>>, path: string): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) {
    if (row.problem !== undefined)
      throw new ConfigError(
        `${path}:${row.row}: ${row.problem.kind} ${row.problem.detail} (run data validate)`,
      );
    out.push(row.value);
  }
  return out;
}

/** Returns the bars of a kline file, or none when `path` is undefined. */
export async function readKlines(path: string | undefined): Promise<Kline[]> {
  return path === undefined ? [] : collect(parseKlines(path), path);
}

/** Hourly taker flow of the bars the trade recording covers entirely (none without a trades file). */
async function readTradeFlow(path: string | undefined): Promise<TradeFlow[]> {
  if (path === undefined) return [];
  const trades: Trade[] = await collect(parseTrades(path), path);
  if (trades.length === 0) return [];
  const first = trades[0] as Trade;
  const last = trades[trades.length - 1] as Trade;
  return aggregateTradeFlow(trades, HOUR_MS, first.timestamp, last.timestamp + 1);
}

/** Reads the klines, funding, open interest and trade flow of `symbol` under `dir`. */
export async function readSymbol(dir: string, symbol: SymbolId, klinePath: string): Promise<SymbolInputs> {
  const funding = filesOf(dir, 'funding').get(symbol);
  const oi = filesOf(dir, 'open_interest').get(symbol);
  return {
    klines: await readKlines(klinePath),
    funding: funding === undefined ? [] : await collect(parseFunding(funding), funding),
    openInterest: oi === undefined ? [] : await collect(parseOpenInterest(oi), oi),
    tradeFlow: await readTradeFlow(filesOf(dir, 'trades').get(symbol)),
  };
}
