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
  for (const file of await listReplayFiles(dataDir, { kinds, symbols })) {
    if (file.kind === 'klines_1h') data.klines1h.set(file.symbol, await values(parseKlines(file.path)));
    if (file.kind === 'klines_1m') data.klines1m.set(file.symbol, await values(parseKlines(file.path)));
    if (file.kind === 'funding') data.funding.set(file.symbol, await values(parseFunding(file.path)));
    if (file.kind === 'open_interest')
      data.openInterest.set(file.symbol, await values(parseOpenInterest(file.path)));
    if (file.kind === 'trades') data.trades.set(file.symbol, await values(parseTrades(file.path)));
    if (file.kind === 'depth') {
      const books: DepthSnapshot[] = [];
      for await (const book of depthSnapshots(parseDepth(file.path))) books.push(book);
      data.depth.set(file.symbol, books);
    }
  }
  return data;
}
