import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** What to copy: the shipped data folder, the symbols and the period of bar open times (ms UTC, [from, to)). */
export interface KlineSliceSpec {
  /** A market data folder laid out as `data/market` (`klines_1h/<SYMBOL>.csv.gz`). */
  readonly dataDir: string;
  readonly symbols: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Writes the 1h perpetual klines of `spec` into `outDir/klines_1h/<SYMBOL>.csv` (same header, rows whose
 * open time, the first column, lies in [fromMs, toMs)): a small real-data folder for a replay in a test.
 * Returns the number of rows written. Thrown when a symbol's file is missing or unreadable.
 */
export function writeKlineSlice(outDir: string, spec: KlineSliceSpec): number {
  mkdirSync(join(outDir, 'klines_1h'), { recursive: true });
  let count = 0;
  for (const symbol of spec.symbols) {
    const file = join(spec.dataDir, 'klines_1h', `${symbol}.csv.gz`);
    const [header, ...rows] = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const kept = rows.filter((row) => {
      const openMs = Number(row.slice(0, row.indexOf(',')));
      return openMs >= spec.fromMs && openMs < spec.toMs;
    });
    writeFileSync(join(outDir, 'klines_1h', `${symbol}.csv`), `${[header, ...kept].join('\n')}\n`);
    count += kept.length;
  }
  return count;
}
