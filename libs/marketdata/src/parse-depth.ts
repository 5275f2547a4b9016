import type { UnixMs } from '@cryptosignal/domain';
import { parseCsv } from './csv.js';
import { FieldError, oneOf, requiredInteger, requiredNumber } from './fields.js';
import { DEPTH_HEADER } from './kinds.js';
import { symbolReader } from './parse-rows.js';
import type { DepthLevel, DepthRow, DepthSnapshot, Parsed } from './types.js';

/**
 * Streams the rows of a long-format depth file (`symbol,timestamp,source,side,level,price,qty`; CSV or
 * CSV.gz): one price level per row, each with its 1-based line number. A row that cannot be read is yielded
 * as a problem, never thrown.
 */
export function parseDepth(path: string): AsyncGenerator<Parsed<DepthRow>> {
  const readSymbol = symbolReader();
  return parseCsv(path, DEPTH_HEADER, (f): DepthRow => {
    const source = f[2] ?? '';
    if (source === '') throw new FieldError('unparseable', 'source is empty');
    return {
      symbol: readSymbol(f[0]),
      timestamp: requiredInteger(f[1], 'timestamp') as UnixMs,
      source,
      side: oneOf(f[3], ['bid', 'ask'], 'side'),
      level: requiredInteger(f[4], 'level'),
      price: requiredNumber(f[5], 'price'),
      qty: requiredNumber(f[6], 'qty'),
    };
  });
}

/**
 * Groups consecutive depth rows with the same timestamp and source into snapshots, bids and asks each sorted
 * by level (0 = best). Rows that are problems are skipped: validate the file to see them.
 */
export async function* depthSnapshots(rows: AsyncIterable<Parsed<DepthRow>>): AsyncGenerator<DepthSnapshot> {
  let current: DepthRow[] = [];
  for await (const item of rows) {
    if (!item.value) continue;
    const head = current[0];
    if (head && (head.timestamp !== item.value.timestamp || head.source !== item.value.source)) {
      yield toSnapshot(current);
      current = [];
    }
    current.push(item.value);
  }
  if (current.length > 0) yield toSnapshot(current);
}

function toSnapshot(rows: readonly DepthRow[]): DepthSnapshot {
  const first = rows[0]!;
  const level = ({ side, level, price, qty }: DepthRow): DepthLevel => ({ side, level, price, qty });
  const bySide = (side: DepthLevel['side']) =>
    rows
      .filter((r) => r.side === side)
      .map(level)
      .sort((a, b) => a.level - b.level);
  return {
    symbol: first.symbol,
    timestamp: first.timestamp,
    source: first.source,
    bids: bySide('bid'),
    asks: bySide('ask'),
  };
}
