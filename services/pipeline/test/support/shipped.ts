import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FundingRate, Kline, OpenInterest, SymbolId } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import { parseFunding, parseKlines, parseOpenInterest } from '@cryptosignal/marketdata';

/** The shipped market data (repository `data/market`). */
export const DATA_DIR = new URL('../../../../data/market/', import.meta.url).pathname;

/** Every shipped 1h series the pipeline consumes, parsed with @cryptosignal/marketdata. */
export interface ShippedMarket {
  /** USD-M perpetual 1h bars by symbol (klines_1h), in time order. */
  readonly perp: ReadonlyMap<SymbolId, readonly Kline[]>;
  /** BTC spot 1h bars (klines_1h_spot/BTCUSDT), the market reference's fallback. */
  readonly btcSpot: readonly Kline[];
  readonly funding: ReadonlyMap<SymbolId, readonly FundingRate[]>;
  readonly openInterest: ReadonlyMap<SymbolId, readonly OpenInterest[]>;
}

async function collect<T>(
  rows: AsyncGenerator<{ value?: T; problem?: { detail: string } }>,
  path: string,
): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) {
    if (row.value === undefined) throw new Error(`${path}: ${row.problem?.detail}`);
    out.push(row.value);
  }
  return out;
}

function files(kind: string): string[] {
  const dir = join(DATA_DIR, kind);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.csv.gz'))
        .sort()
    : [];
}

const symbolOf = (file: string) => file.replace(/\.csv\.gz$/, '') as SymbolId;

let loaded: Promise<ShippedMarket> | undefined;

/** Loads (once per test process) every shipped 1h perp series, BTC spot, funding and open interest. */
export function loadShippedMarket(): Promise<ShippedMarket> {
  loaded ??= (async () => {
    const perp = new Map<SymbolId, Kline[]>();
    for (const f of files('klines_1h')) {
      const path = join(DATA_DIR, 'klines_1h', f);
      perp.set(symbolOf(f), await collect(parseKlines(path), path));
    }
    const spotPath = join(DATA_DIR, 'klines_1h_spot', 'BTCUSDT.csv.gz');
    const btcSpot = await collect(parseKlines(spotPath), spotPath);
    const funding = new Map<SymbolId, FundingRate[]>();
    for (const f of files('funding')) {
      const path = join(DATA_DIR, 'funding', f);
      funding.set(symbolOf(f), await collect(parseFunding(path), path));
    }
    const openInterest = new Map<SymbolId, OpenInterest[]>();
    for (const f of files('open_interest')) {
      const path = join(DATA_DIR, 'open_interest', f);
      openInterest.set(symbolOf(f), await collect(parseOpenInterest(path), path));
    }
    return { perp, btcSpot, funding, openInterest };
  })();
  return loaded;
}

/** One event of a replay in event-time order. */
export type ReplayEvent =
  | { readonly kind: 'kline'; readonly value: Kline }
  | { readonly kind: 'funding'; readonly value: FundingRate }
  | { readonly kind: 'open_interest'; readonly value: OpenInterest };

const timeOf = (e: ReplayEvent): number =>
  e.kind === 'funding'
    ? e.value.fundingTime
    : e.kind === 'open_interest'
      ? e.value.timestamp
      : e.value.openTime;

/** The funding events and OI samples of `symbols`, in time order (stable, file order within a time). */
function inputsOf(m: ShippedMarket, symbols: ReadonlySet<string>): ReplayEvent[] {
  const inputs: ReplayEvent[] = [];
  for (const [s, events] of m.funding)
    if (symbols.has(s)) for (const value of events) inputs.push({ kind: 'funding', value });
  for (const [s, samples] of m.openInterest)
    if (symbols.has(s)) for (const value of samples) inputs.push({ kind: 'open_interest', value });
  return inputs.sort((a, b) => timeOf(a) - timeOf(b));
}

/** The bars of every hour: perp bars in symbol order, then BTC spot. */
function barsByHour(m: ShippedMarket, symbols: ReadonlySet<string>): Map<number, Kline[]> {
  const byHour = new Map<number, Kline[]>();
  const add = (k: Kline) => {
    const list = byHour.get(k.openTime);
    if (list) list.push(k);
    else byHour.set(k.openTime, [k]);
  };
  for (const s of [...symbols].sort()) for (const k of m.perp.get(s as SymbolId) ?? []) add(k);
  for (const k of m.btcSpot) add(k);
  return byHour;
}

/**
 * Returns the shipped events hour by hour as the collector publishes them: before the bars of hour h, every
 * funding event and OI sample stamped at or before h's close; then the perp bars of h in symbol order (so bars
 * before BTCUSDT wait for the reference), then BTC spot. `symbols` limits the perp symbols (BTC always in).
 */
export function* replayEvents(m: ShippedMarket, symbols?: ReadonlySet<string>): Generator<ReplayEvent[]> {
  const chosen = new Set([...m.perp.keys()].filter((s) => !symbols || symbols.has(s) || s === 'BTCUSDT'));
  const inputs = inputsOf(m, chosen);
  const byHour = barsByHour(m, chosen);
  let next = 0;
  for (const hour of [...byHour.keys()].sort((a, b) => a - b)) {
    const batch: ReplayEvent[] = [];
    while (next < inputs.length && timeOf(inputs[next] as ReplayEvent) <= hour + HOUR_MS - 1)
      batch.push(inputs[next++] as ReplayEvent);
    for (const value of byHour.get(hour) ?? []) batch.push({ kind: 'kline', value });
    yield batch;
  }
}
