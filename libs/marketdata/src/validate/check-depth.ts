import { isoUtc } from '@cryptosignal/domain';
import { parseDepth } from '../parse-depth.js';
import type { DepthRow, ProblemKind } from '../types.js';
import type { FileFindings } from './findings.js';

interface Snapshot {
  readonly timestamp: number;
  readonly source: string;
  readonly levels: Map<string, DepthRow>;
  bestBid?: DepthRow;
  bestAsk?: DepthRow;
}

/**
 * Streams a long-format depth file through the checks: snapshots (consecutive rows of one timestamp and
 * source) in ascending time (`out_of_order`); each side/level once per snapshot (`duplicate`); price > 0
 * (`non_positive`); qty ≥ 0 (`negative_volume`); bids falling and asks rising with the level
 * (`out_of_order`); best bid below best ask (`crossed_book`); the symbol column equal to the file's
 * (`symbol_mismatch`). The covered range is first to last snapshot time; `rows` counts levels.
 */
export async function checkDepthFile(findings: FileFindings): Promise<void> {
  const { path, symbol } = findings.file;
  let snapshot: Snapshot | undefined;
  let first: number | undefined;
  let snapshots = 0;
  for await (const item of parseDepth(path)) {
    findings.rows += 1;
    if (item.problem) {
      findings.problem(item.row, item.problem.kind, item.problem.detail);
      continue;
    }
    const level = item.value;
    const report = (kind: ProblemKind, detail: string) => findings.problem(item.row, kind, detail);
    if (!snapshot || snapshot.timestamp !== level.timestamp || snapshot.source !== level.source) {
      if (snapshot && level.timestamp < snapshot.timestamp)
        report('out_of_order', `snapshot ${isoUtc(level.timestamp)} after ${isoUtc(snapshot.timestamp)}`);
      snapshot = { timestamp: level.timestamp, source: level.source, levels: new Map() };
      first ??= level.timestamp;
      snapshots += 1;
    }
    checkLevel(snapshot, level, report);
    if (level.symbol !== symbol) report('symbol_mismatch', `symbol ${level.symbol} in the file of ${symbol}`);
  }
  findings.segments =
    first !== undefined && snapshot ? [{ from: first, to: snapshot.timestamp, rows: snapshots }] : [];
}

function checkLevel(
  snapshot: Snapshot,
  level: DepthRow,
  report: (kind: ProblemKind, detail: string) => void,
): void {
  const key = `${level.side}/${level.level}`;
  const neighbour = snapshot.levels.get(`${level.side}/${level.level - 1}`);
  if (snapshot.levels.has(key))
    report('duplicate', `${key} repeats in snapshot ${isoUtc(snapshot.timestamp)}`);
  snapshot.levels.set(key, level);
  if (!(level.price > 0)) report('non_positive', `price ${level.price} <= 0`);
  if (level.qty < 0) report('negative_volume', `qty ${level.qty} < 0`);
  const worse = level.side === 'bid' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  if (neighbour && !worse(level.price, neighbour.price))
    report(
      'out_of_order',
      `${key} price ${level.price} not behind level ${level.level - 1} ${neighbour.price}`,
    );
  if (level.level === 0 && level.side === 'bid') snapshot.bestBid = level;
  if (level.level === 0 && level.side === 'ask') snapshot.bestAsk = level;
  const { bestBid, bestAsk } = snapshot;
  if (level.level === 0 && bestBid && bestAsk && bestBid.price >= bestAsk.price)
    report('crossed_book', `best bid ${bestBid.price} >= best ask ${bestAsk.price}`);
}
