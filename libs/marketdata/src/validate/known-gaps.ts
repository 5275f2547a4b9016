import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import type { Gap } from './series.js';

/** File name of the known-gaps list, kept at the root of a data directory (beside the `<kind>/` folders). */
export const KNOWN_GAPS_FILE = 'known-gaps.json';

/** Why data is missing: the exchange did not trade, or the sources we copied from did not hold it. */
export type GapCause = 'exchange_outage' | 'collection_hole';

/**
 * One gap that is explained and accepted. `fromMs`/`toMs` are the grid points (epoch ms UTC) of the rows
 * bounding the gap, as the validator reports them; `from`/`to` the same instants in ISO-8601 UTC.
 */
export interface KnownGap {
  /** Path relative to the data directory, e.g. `klines_1h_spot/BTCUSDT.csv.gz`. */
  readonly path: string;
  readonly kind: string;
  readonly symbol: string;
  readonly fromMs: number;
  readonly from: string;
  readonly toMs: number;
  readonly to: string;
  readonly missing: number;
  readonly gapKind: GapCause;
  /** Where the gap is explained: a pointer into PROVENANCE.md and a quote. */
  readonly source: string;
}

/** The known-gaps file: a description and the entries. */
export interface KnownGapsDocument {
  readonly description: string;
  readonly gaps: readonly KnownGap[];
}

/** Known gaps looked up by file (kind and symbol, so `.csv` and `.csv.gz` copies match alike) and bounds. */
export class KnownGapIndex {
  private readonly byKey = new Map<string, KnownGap>();

  constructor(readonly gaps: readonly KnownGap[]) {
    for (const gap of gaps) this.byKey.set(key(gap.kind, gap.symbol, gap.fromMs, gap.toMs), gap);
  }

  /** Returns the entry that explains `gap` in the `kind`/`symbol` file, or undefined. */
  match(kind: string, symbol: string, gap: Gap): KnownGap | undefined {
    const known = this.byKey.get(key(kind, symbol, gap.from, gap.to));
    return known && known.missing === gap.missing ? known : undefined;
  }

  /** Returns the entries listed for the `kind`/`symbol` file. */
  forFile(kind: string, symbol: string): KnownGap[] {
    return this.gaps.filter((gap) => gap.kind === kind && gap.symbol === symbol);
  }
}

function key(kind: string, symbol: string, fromMs: number, toMs: number): string {
  return `${kind}/${symbol}/${fromMs}/${toMs}`;
}

/** Reads and checks a known-gaps file. Thrown (ConfigError) when it is unreadable or an entry is malformed. */
export async function loadKnownGaps(path: string): Promise<KnownGapIndex> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the known-gaps file`, [], { cause: error });
  }
  const gaps = (document as Partial<KnownGapsDocument> | null)?.gaps;
  if (!Array.isArray(gaps)) throw new ConfigError(`${path}: expected an object with a 'gaps' array`);
  const problems = gaps.flatMap((gap, i) => entryProblems(gap).map((p) => `gaps[${i}]: ${p}`));
  if (problems.length > 0) throw new ConfigError(`${path}: invalid known-gaps entries`, problems);
  return new KnownGapIndex(gaps as KnownGap[]);
}

function entryProblems(entry: unknown): string[] {
  const e = (entry ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ['path', 'kind', 'symbol', 'from', 'to', 'source'])
    if (typeof e[field] !== 'string' || e[field] === '') problems.push(`${field} must be a non-empty string`);
  for (const field of ['fromMs', 'toMs', 'missing'])
    if (!Number.isSafeInteger(e[field])) problems.push(`${field} must be an integer`);
  if (e.gapKind !== 'exchange_outage' && e.gapKind !== 'collection_hole')
    problems.push('gapKind must be exchange_outage or collection_hole');
  return problems;
}

/** Returns the known-gaps file that applies to a data file `<root>/<kind>/<file>`, if `<root>` has one. */
export function knownGapsPathFor(file: string): string | undefined {
  const candidate = join(dirname(dirname(file)), KNOWN_GAPS_FILE);
  return existsSync(candidate) ? candidate : undefined;
}
