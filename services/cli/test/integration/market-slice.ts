import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The recorded kinds a slice copies, with the column holding each row's time (ms UTC). */
const SLICED_KINDS = [
  { kind: 'klines_1h', timeColumn: 0 },
  { kind: 'klines_1h_spot', timeColumn: 0 },
  { kind: 'funding', timeColumn: 1 },
  { kind: 'open_interest', timeColumn: 1 },
] as const;

/** What to copy: a folder laid out as `data/market`, the symbols and the period of row times (ms UTC, [from, to)). */
export interface MarketSliceSpec {
  readonly dataDir: string;
  readonly symbols: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Writes the rows of `spec` of every kind in SLICED_KINDS that a symbol has (`<kind>/<SYMBOL>.csv.gz` under
 * `spec.dataDir`) into `outDir/<kind>/<SYMBOL>.csv`, same header. Returns the rows written per kind.
 */
export function writeMarketSlice(outDir: string, spec: MarketSliceSpec): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { kind, timeColumn } of SLICED_KINDS) {
    for (const symbol of spec.symbols) {
      const file = join(spec.dataDir, kind, `${symbol}.csv.gz`);
      if (!existsSync(file)) continue;
      const [header, ...rows] = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
      const kept = rows.filter((row) => {
        const timeMs = Number(row.split(',', timeColumn + 1)[timeColumn]);
        return timeMs >= spec.fromMs && timeMs < spec.toMs;
      });
      mkdirSync(join(outDir, kind), { recursive: true });
      writeFileSync(join(outDir, kind, `${symbol}.csv`), `${[header, ...kept].join('\n')}\n`);
      counts[kind] = (counts[kind] ?? 0) + kept.length;
    }
  }
  return counts;
}
