import { relative } from 'node:path';
import { isoUtc } from '@cryptosignal/domain';
import type { FileReport } from './validate/findings.js';
import type { GapCause } from './validate/known-gaps.js';
import type { ValidateOptions } from './validate/validate-file.js';
import { type ValidationReport, validatePaths } from './validate/validate-paths.js';

/** A covered time range of one file: first and last point (epoch ms UTC and ISO-8601) and the points in it. */
export interface CoveredRange {
  readonly fromMs: number;
  readonly from: string;
  readonly toMs: number;
  readonly to: string;
  /** Bars, funding events or samples in the range (snapshots for depth, trades for trades). */
  readonly points: number;
}

/** A gap of one file as the coverage report shows it. */
export interface CoverageGap {
  readonly from: string;
  readonly to: string;
  readonly missing: number;
  /** What is missing, e.g. `1h bars`, `funding events`, `trade ids`. */
  readonly unit: string;
  /** Set when the gap is listed in the known-gaps file. */
  readonly known?: GapCause;
}

/** Coverage of one input (kind) of one symbol, i.e. one file. */
export interface CoverageEntry {
  readonly symbol: string;
  readonly kind: string;
  /** Path relative to the data directory. */
  readonly file: string;
  /** Data rows in the file (levels for depth). */
  readonly rows: number;
  readonly firstMs?: number;
  readonly first?: string;
  readonly lastMs?: number;
  readonly last?: string;
  readonly ranges: readonly CoveredRange[];
  readonly gaps: readonly CoverageGap[];
  /** Errors the validator found in the file (known gaps excluded). */
  readonly errors: number;
}

/** Coverage of a data directory: one entry per file, sorted by symbol then kind. */
export interface CoverageReport {
  readonly dir: string;
  readonly files: number;
  readonly rows: number;
  readonly symbols: readonly string[];
  readonly kinds: readonly string[];
  readonly entries: readonly CoverageEntry[];
  /** Errors over all files (0 for clean data). */
  readonly errors: number;
}

/**
 * Returns the coverage of every data file under `dir` (default layout `<dir>/<kind>/<SYMBOL>.csv[.gz]`): per
 * symbol and kind the covered time ranges, the gaps (marked when listed in `<dir>/known-gaps.json`), row
 * counts and error counts. Validates every file once to get them. Thrown (ConfigError) when `dir` does not
 * exist or holds a file whose kind cannot be inferred.
 */
export async function computeCoverage(dir: string, options: ValidateOptions = {}): Promise<CoverageReport> {
  return coverageOf(dir, await validatePaths([dir], options));
}

/** Returns the coverage report of `dir` from a validation of it already made (see computeCoverage). */
export function coverageOf(dir: string, report: ValidationReport): CoverageReport {
  const entries = report.files
    .map((file) => toEntry(dir, file))
    .sort((a, b) => a.symbol.localeCompare(b.symbol) || a.kind.localeCompare(b.kind));
  return {
    dir,
    files: entries.length,
    rows: report.rows,
    symbols: [...new Set(entries.map((e) => e.symbol))].sort(),
    kinds: [...new Set(entries.map((e) => e.kind))].sort(),
    entries,
    errors: report.errors.length,
  };
}

function toEntry(dir: string, file: FileReport): CoverageEntry {
  const ranges = file.segments.map(
    (s): CoveredRange => ({
      fromMs: s.from,
      from: isoUtc(s.from),
      toMs: s.to,
      to: isoUtc(s.to),
      points: s.rows,
    }),
  );
  const gaps = file.gaps.map((g): CoverageGap => {
    const gap = { from: g.fromText, to: g.toText, missing: g.missing, unit: g.unit };
    return g.known ? { ...gap, known: g.known.gapKind } : gap;
  });
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  const errors = file.problems.filter((p) => p.kind !== 'known_gap').length;
  const bounds =
    first && last ? { firstMs: first.fromMs, first: first.from, lastMs: last.toMs, last: last.to } : {};
  const path = relative(dir, file.file);
  return {
    symbol: file.symbol,
    kind: file.kind,
    file: path,
    rows: file.rows,
    ...bounds,
    ranges,
    gaps,
    errors,
  };
}
