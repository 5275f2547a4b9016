import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SymbolId } from '@cryptosignal/domain';
import { type DataKind, describeFile, isDataFileName, KIND_SPECS } from '@cryptosignal/marketdata';
import { ConfigError } from '@cryptosignal/runtime';

/** A recorded data file to replay: absolute path, path relative to the data directory, kind and symbol. */
export interface ReplayFile {
  readonly path: string;
  readonly relPath: string;
  readonly kind: DataKind;
  readonly symbol: SymbolId;
}

/** Kinds replayed onto the bus by default: every kind with a `market.*` topic (1d bars have none). */
export const PUBLISHABLE_KINDS: readonly DataKind[] = [
  'klines_1h',
  'klines_1h_spot',
  'klines_1h_spot_taker',
  'klines_1m',
  'funding',
  'open_interest',
  'depth',
  'trades',
];

/** Every kind a replay backfill can store (the publishable ones and the 1d bars). */
export const STORABLE_KINDS: readonly DataKind[] = [...PUBLISHABLE_KINDS, 'klines_1d_taker'];

/** Which files to take. Unset lists mean all; symbols are matched exactly (`BTCUSDT`). */
export interface ReplayFileFilter {
  readonly kinds?: readonly DataKind[];
  readonly symbols?: readonly string[];
}

/**
 * Returns the data files of `dataDir` (`<kind>/<SYMBOL>.csv[.gz]`) of the wanted kinds and symbols, in kind
 * order (as listed in `filter.kinds`, default `PUBLISHABLE_KINDS`) then symbol order. A kind folder that does
 * not exist yields nothing.
 * Thrown (ConfigError) when a kind is unknown or a file name does not follow the layout.
 */
export async function listReplayFiles(dataDir: string, filter: ReplayFileFilter = {}): Promise<ReplayFile[]> {
  const kinds = filter.kinds ?? PUBLISHABLE_KINDS;
  const symbols = filter.symbols ? new Set(filter.symbols) : undefined;
  const files: ReplayFile[] = [];
  for (const kind of kinds) {
    if (!Object.hasOwn(KIND_SPECS, kind)) throw new ConfigError(`unknown data kind '${kind}'`);
    const names = await readdir(join(dataDir, kind)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const name of names.filter(isDataFileName).sort()) {
      const path = join(dataDir, kind, name);
      const file = describeFile(path, kind);
      if (!symbols || symbols.has(file.symbol))
        files.push({ path, relPath: `${kind}/${name}`, kind, symbol: file.symbol });
    }
  }
  return files;
}
