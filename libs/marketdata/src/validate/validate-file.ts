import { type DataFile, type DataKind, describeFile, KIND_SPECS } from '../kinds.js';
import type { Problem } from '../types.js';
import { checkDepthFile } from './check-depth.js';
import { checkFundingFile } from './check-funding.js';
import { checkKlineFile } from './check-klines.js';
import { checkOpenInterestFile } from './check-open-interest.js';
import { checkTradesFile } from './check-trades.js';
import { FileFindings, type FileReport } from './findings.js';
import { type KnownGapIndex, knownGapsPathFor, loadKnownGaps } from './known-gaps.js';

/** Options of a validation run. */
export interface ValidateOptions {
  /** Kind of every file, instead of inferring it from the parent directory's name. */
  readonly kind?: DataKind;
  /**
   * Gaps to treat as known. `undefined` (default) loads `<root>/known-gaps.json` for a file
   * `<root>/<kind>/<file>` when it exists; `null` treats every gap as an error.
   */
  readonly knownGaps?: KnownGapIndex | null;
  /** Time the data was taken (epoch ms UTC): a bar closing after it is an `incomplete_candle`. */
  readonly asOfMs?: number;
}

/** Returns true when a problem is an error, i.e. anything but `known_gap` information. */
export function isError(problem: Problem): boolean {
  return problem.kind !== 'known_gap';
}

/**
 * Validates one market-data file (CSV or CSV.gz) by streaming it once, and returns what it found: rows,
 * covered time segments, gaps and problems (with 1-based line numbers). Bad rows are reported, not thrown.
 * Thrown (ConfigError) when the path does not say what the file is (see describeFile) or the known-gaps file
 * is invalid.
 */
export async function validateFile(path: string, options: ValidateOptions = {}): Promise<FileReport> {
  const file = describeFile(path, options.kind);
  const known = options.knownGaps === undefined ? await discoverKnownGaps(path) : options.knownGaps;
  const findings = new FileFindings(file, known ?? undefined);
  await checkFile(file, findings, options);
  return findings.finish();
}

async function discoverKnownGaps(path: string): Promise<KnownGapIndex | undefined> {
  const knownPath = knownGapsPathFor(path);
  return knownPath === undefined ? undefined : loadKnownGaps(knownPath);
}

function checkFile(file: DataFile, findings: FileFindings, options: ValidateOptions): Promise<void> {
  switch (KIND_SPECS[file.kind].family) {
    case 'klines':
      return checkKlineFile(findings, options);
    case 'funding':
      return checkFundingFile(findings);
    case 'open_interest':
      return checkOpenInterestFile(findings);
    case 'depth':
      return checkDepthFile(findings);
    case 'trades':
      return checkTradesFile(findings);
  }
}
