import type { DepthRow, Parsed, RowProblem } from '@cryptosignal/marketdata';
import { depthFeatures } from '../domain/depth-features.js';
import type { BookLevel, BookSnapshot } from '../domain/market-event.js';
import { bookChecker } from '../domain/row-checks.js';
import { Position, type ReplayItem, type RowProcessor, rejectRow } from './file-items.js';
import type { ReplayFile } from './replay-files.js';

/**
 * Market of the recorded books: both shipped sources are Binance USD-M futures snapshots
 * (data/market/PROVENANCE.md, source 6).
 */
const DEPTH_MARKET = 'perp';

interface Entry {
  readonly row: number;
  readonly value?: DepthRow;
  readonly problem?: RowProblem;
}

function levelsOf(rows: readonly DepthRow[], side: DepthRow['side']): BookLevel[] {
  return rows
    .filter((r) => r.side === side)
    .sort((a, b) => a.level - b.level)
    .map((r) => ({ price: r.price, qty: r.qty }));
}

/**
 * Assembles the snapshots of a long-format depth file (consecutive rows of one timestamp and source). A
 * snapshot is rejected whole, at the line of its first row, when one of its rows is unreadable, a level
 * repeats, or the book check fails (see `bookChecker`): features of a partial book would be wrong.
 */
export class BookAssembler implements RowProcessor<DepthRow> {
  private readonly check: ReturnType<typeof bookChecker>;
  private readonly position = new Position();
  private pending: Entry[] = [];
  private head: DepthRow | undefined;

  constructor(
    private readonly file: ReplayFile,
    readonly rows: AsyncIterable<Parsed<DepthRow>>,
  ) {
    this.check = bookChecker(file.symbol);
  }

  take(parsed: Parsed<DepthRow>, out: ReplayItem[]): void {
    const value = parsed.value;
    if (value && this.head && (this.head.timestamp !== value.timestamp || this.head.source !== value.source))
      this.finish(out);
    this.head ??= value;
    this.pending.push(
      parsed.problem ? { row: parsed.row, problem: parsed.problem } : { row: parsed.row, value },
    );
  }

  finish(out: ReplayItem[]): void {
    if (this.pending.length === 0) return;
    out.push(this.toItem(this.pending));
    this.pending = [];
    this.head = undefined;
  }

  private toItem(entries: readonly Entry[]): ReplayItem {
    const values = entries.flatMap((e) => (e.value ? [e.value] : []));
    const firstRow = entries[0]!.row;
    const problems: RowProblem[] = entries.flatMap((e) =>
      e.problem ? [{ kind: e.problem.kind, detail: `line ${e.row}: ${e.problem.detail}` }] : [],
    );
    if (new Set(values.map((v) => `${v.side}/${v.level}`)).size !== values.length)
      problems.push({ kind: 'duplicate', detail: 'a side/level repeats' });
    const head = values[0];
    if (!head)
      return { sortTimeMs: this.position.ms, rejected: rejectRow(this.file, firstRow, problems, null) };
    const book: BookSnapshot = {
      symbol: head.symbol,
      market: DEPTH_MARKET,
      timestamp: head.timestamp,
      source: head.source,
      bids: levelsOf(values, 'bid'),
      asks: levelsOf(values, 'ask'),
    };
    problems.push(...this.check(book).problems);
    if (problems.length > 0) {
      const rejected = rejectRow(this.file, firstRow, problems, book, book.timestamp);
      return { sortTimeMs: this.position.ms, rejected };
    }
    this.position.ms = book.timestamp;
    return {
      sortTimeMs: book.timestamp,
      event: { kind: 'depth', value: { book, features: depthFeatures(book.bids, book.asks) } },
    };
  }
}
