import type { FundingRate, Kline } from '@cryptosignal/domain';
import {
  type DepthSnapshot,
  depthSnapshots,
  type OpenInterestRow,
  parseDepth,
  parseFunding,
  parseKlines,
  parseOpenInterest,
  parseTrades,
  type Trade,
} from '@cryptosignal/marketdata';
import { listReplayFiles } from '../../../src/replay/replay-files.js';

/** The recorded data a fake exchange serves, by symbol (perpetual 1h and 1m bars only). */
export interface FakeMarketData {
  readonly klines1h: Map<string, Kline[]>;
  readonly klines1m: Map<string, Kline[]>;
  readonly funding: Map<string, FundingRate[]>;
  readonly openInterest: Map<string, OpenInterestRow[]>;
  readonly trades: Map<string, Trade[]>;
  readonly depth: Map<string, DepthSnapshot[]>;
}

async function values<T>(rows: AsyncIterable<{ value?: T }>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) if (row.value) out.push(row.value);
  return out;
}

/** Loads the shipped files of `symbols` from `dataDir` (perp 1h/1m klines, funding, OI, trades, depth). */
export async function loadFakeData(dataDir: string, symbols: readonly string[]): Promise<FakeMarketData> {
  const data: FakeMarketData = {
    klines1h: new Map(),
    klines1m: new Map(),
    funding: new Map(),
    openInterest: new Map(),
    trades: new Map(),
    depth: new Map(),
  };
  const kinds = ['klines_1h', 'klines_1m', 'funding', 'open_interest', 'trades', 'depth'] as const;
  const loaders: Record<(typeof kinds)[number], (path: string, symbol: string) => Promise<void>> = {
    klines_1h: async (path, symbol) => void data.klines1h.set(symbol, await values(parseKlines(path))),
    klines_1m: async (path, symbol) => void data.klines1m.set(symbol, await values(parseKlines(path))),
    funding: async (path, symbol) => void data.funding.set(symbol, await values(parseFunding(path))),
    open_interest: async (path, symbol) =>
      void data.openInterest.set(symbol, await values(parseOpenInterest(path))),
    trades: async (path, symbol) => void data.trades.set(symbol, await values(parseTrades(path))),
    depth: async (path, symbol) => {
      const books: DepthSnapshot[] = [];
      for await (const book of depthSnapshots(parseDepth(path))) books.push(book);
      data.depth.set(symbol, books);
    },
  };
  for (const file of await listReplayFiles(dataDir, { kinds, symbols }))
    await loaders[file.kind as (typeof kinds)[number]](file.path, file.symbol);
  return data;
}
