import { MINUTE_MS } from '@cryptosignal/domain';
import {
  KIND_SPECS,
  klineMarket,
  type Parsed,
  parseDepth,
  parseFunding,
  parseKlines,
  parseOpenInterest,
  parseTrades,
  type RowProblem,
  type Trade,
} from '@cryptosignal/marketdata';
import type { MarketEvent, QuarantinedRow } from '../domain/market-event.js';
import {
  fundingChecker,
  klineChecker,
  openInterestChecker,
  type RowChecker,
  tradeChecker,
} from '../domain/row-checks.js';
import { TradeFlowAggregator } from '../domain/trade-flow-aggregator.js';
import { BookAssembler } from './book-items.js';
import type { ReplayFile } from './replay-files.js';

/**
 * Market of the recorded trades: the shipped sample names the pair `ETH/USDT` (spot notation) and no venue
 * type (data/market/PROVENANCE.md, source 7), so it is replayed as spot.
 */
const TRADES_MARKET = 'spot';

/** Source name of every row read from recorded files. */
export const REPLAY_SOURCE = 'replay';

/** Items handed over per step of a file stream: larger chunks mean fewer async hops per row. */
const CHUNK_ITEMS = 1_024;

/**
 * One item of a recorded file: an accepted event or a rejected row. `sortTimeMs` never decreases along a
 * file: it is the event time of an accepted event, and the file's position (the latest accepted event time)
 * for a rejected row, so rejects travel with their neighbours.
 */
export interface ReplayItem {
  readonly sortTimeMs: number;
  readonly event?: MarketEvent;
  readonly rejected?: QuarantinedRow;
  /** The file and line an accepted event was read from (for conflict records). */
  readonly origin?: ItemOrigin;
}

/** Where an accepted event was read. */
export interface ItemOrigin {
  readonly file: ReplayFile;
  readonly row: number;
}

/** Turns the parsed rows of one file into items, keeping per-file state (series checks, open windows). */
export interface RowProcessor<T> {
  readonly rows: AsyncIterable<Parsed<T>>;
  /** Appends the items row `parsed` produces to `out`. */
  take(parsed: Parsed<T>, out: ReplayItem[]): void;
  /** Appends what is still open at the end of the file (a trailing trade window or book). */
  finish(out: ReplayItem[]): void;
}

/** Returns the quarantine record of a row of `file`. */
export function rejectRow(
  file: ReplayFile,
  row: number,
  problems: readonly RowProblem[],
  payload: unknown,
  eventTimeMs?: number,
): QuarantinedRow {
  const first = problems[0]!;
  const rejected = {
    kind: file.kind,
    symbol: file.symbol,
    source: REPLAY_SOURCE,
    sourceRef: file.relPath,
    row,
    itemKey: `${file.relPath}:${row}`,
    reason: first.kind,
    detail: problems.map((p) => `${p.kind}: ${p.detail}`).join('; '),
    payload: payload ?? null,
  };
  return eventTimeMs === undefined ? rejected : { ...rejected, eventTimeMs };
}

/** Tracks a file's position: the latest accepted event time (−∞ before the first). */
export class Position {
  ms = Number.NEGATIVE_INFINITY;
}

function checkedRows<T>(
  file: ReplayFile,
  rows: AsyncIterable<Parsed<T>>,
  check: RowChecker<T>,
  timeOf: (value: T) => number,
  toEvent: (value: T) => MarketEvent,
): RowProcessor<T> {
  const position = new Position();
  return {
    rows,
    take(parsed, out) {
      if (parsed.problem) {
        out.push({ sortTimeMs: position.ms, rejected: rejectRow(file, parsed.row, [parsed.problem], null) });
        return;
      }
      const verdict = check(parsed.value);
      const timeMs = timeOf(parsed.value);
      if (verdict.problems.length > 0) {
        const rejected = rejectRow(file, parsed.row, verdict.problems, parsed.value, timeMs);
        out.push({ sortTimeMs: position.ms, rejected });
        return;
      }
      position.ms = timeMs;
      out.push({ sortTimeMs: timeMs, event: toEvent(parsed.value), origin: { file, row: parsed.row } });
    },
    finish() {},
  };
}

function tradeRows(file: ReplayFile): RowProcessor<Trade> {
  const aggregator = new TradeFlowAggregator({
    symbol: file.symbol,
    market: TRADES_MARKET,
    windowMs: MINUTE_MS,
    interval: '1m',
  });
  const check = tradeChecker(file.symbol);
  const position = new Position();
  return {
    rows: parseTrades(file.path),
    take(parsed, out) {
      const verdict = parsed.problem ? { problems: [parsed.problem] } : check(parsed.value as Trade);
      if (!parsed.value || verdict.problems.length > 0) {
        const rejected = rejectRow(file, parsed.row, verdict.problems, parsed.value ?? null);
        out.push({ sortTimeMs: position.ms, rejected });
        return;
      }
      for (const flow of aggregator.add(parsed.value)) {
        position.ms = flow.windowEndMs - 1;
        out.push({ sortTimeMs: position.ms, event: { kind: 'trade_flow', value: flow } });
      }
    },
    finish(out) {
      const last = aggregator.flush();
      if (last) out.push({ sortTimeMs: last.windowEndMs - 1, event: { kind: 'trade_flow', value: last } });
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: one processor per kind, each typed by its own parser
function processorFor(file: ReplayFile): RowProcessor<any> {
  const spec = KIND_SPECS[file.kind];
  switch (spec.family) {
    case 'klines': {
      const series = {
        symbol: file.symbol,
        interval: spec.interval!,
        market: klineMarket(file.kind, file.symbol),
      };
      return checkedRows(
        file,
        parseKlines(file.path, series),
        klineChecker(spec.intervalMs!),
        (bar) => bar.closeTime,
        (value) => ({ kind: 'kline', value }),
      );
    }
    case 'funding':
      return checkedRows(
        file,
        parseFunding(file.path),
        fundingChecker(file.symbol),
        (f) => f.fundingTime,
        (value) => ({ kind: 'funding', value }),
      );
    case 'open_interest':
      return checkedRows(
        file,
        parseOpenInterest(file.path),
        openInterestChecker(file.symbol),
        (oi) => oi.timestamp,
        (value) => ({ kind: 'open_interest', value }),
      );
    case 'depth':
      return new BookAssembler(file, parseDepth(file.path));
    case 'trades':
      return tradeRows(file);
  }
}

/**
 * Streams the items of one recorded file of any kind, checked row by row, in chunks whose sort times never
 * decrease. Rejected rows before the first accepted event (position −∞) take that event's time; a file
 * without any accepted event puts them at time 0.
 */
export async function* fileItemChunks(file: ReplayFile): AsyncGenerator<ReplayItem[]> {
  const processor = processorFor(file);
  let chunk: ReplayItem[] = [];
  let leading: ReplayItem[] | undefined = [];
  const flush = (items: ReplayItem[]): ReplayItem[] => {
    if (!leading) return items;
    const firstTimed = items.find((i) => i.sortTimeMs !== Number.NEGATIVE_INFINITY);
    if (!firstTimed) {
      leading.push(...items);
      return [];
    }
    const anchored = [...leading, ...items].map((i) =>
      i.sortTimeMs === Number.NEGATIVE_INFINITY ? { ...i, sortTimeMs: firstTimed.sortTimeMs } : i,
    );
    leading = undefined;
    return anchored;
  };
  for await (const parsed of processor.rows) {
    processor.take(parsed, chunk);
    if (chunk.length < CHUNK_ITEMS) continue;
    const ready = flush(chunk);
    chunk = [];
    if (ready.length > 0) yield ready;
  }
  processor.finish(chunk);
  const ready = flush(chunk);
  if (ready.length > 0) yield ready;
  if (leading && leading.length > 0) yield leading.map((i) => ({ ...i, sortTimeMs: 0 }));
}
