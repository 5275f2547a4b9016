import { isoUtc } from '@cryptosignal/domain';
import type { DataFile } from '../kinds.js';
import type { Problem, ProblemKind } from '../types.js';
import type { KnownGap, KnownGapIndex } from './known-gaps.js';
import { describeGap, type Gap, type Segment, type SeriesGrid, SeriesTracker } from './series.js';

/** A gap found in a file, worded for people, and the known-gaps entry that explains it (if any). */
export interface GapFinding extends Gap {
  readonly unit: string;
  readonly fromText: string;
  readonly toText: string;
  readonly known?: KnownGap;
}

/** What validating one file found. */
export interface FileReport {
  readonly file: string;
  readonly kind: DataFile['kind'];
  readonly symbol: DataFile['symbol'];
  /** Data rows read (header excluded), problem rows included. */
  readonly rows: number;
  /** Covered time ranges (epoch ms UTC), split at every gap in time. */
  readonly segments: readonly Segment[];
  readonly gaps: readonly GapFinding[];
  /** Every problem in row order: errors and `known_gap` information. */
  readonly problems: readonly Problem[];
}

/** Returns a grid over epoch-ms times that renders points as ISO-8601 UTC. */
export function timeGrid(stepMs: number, unit: string, toleranceMs = 0): SeriesGrid {
  return { stepMs, unit, toleranceMs, show: isoUtc, time: true };
}

/**
 * Collects the problems and gaps of one file while its rows stream by. Gaps listed in the known-gaps index
 * become `known_gap` information; the others `gap` errors; listed gaps never seen become
 * `known_gap_not_found` (row 0) when the file is finished.
 */
export class FileFindings {
  rows = 0;
  segments: readonly Segment[] = [];
  private readonly problems: Problem[] = [];
  private readonly gaps: GapFinding[] = [];

  constructor(
    readonly file: DataFile,
    private readonly known: KnownGapIndex | undefined,
  ) {}

  /** Records a problem at line `row` (0 = the whole file). */
  problem(row: number, kind: ProblemKind, detail: string): void {
    this.problems.push({ file: this.file.path, row, kind, detail });
  }

  /** Returns a tracker for a regular series of this file whose findings land here. */
  track(grid: SeriesGrid): SeriesTracker {
    return new SeriesTracker(grid, {
      problem: (row, kind, detail) => this.problem(row, kind, detail),
      gap: (gap) => this.addGap(gap, grid),
    });
  }

  /** Returns the report, with unmatched known gaps added and problems sorted by row. */
  finish(): FileReport {
    const matched = new Set(this.gaps.map((g) => g.known).filter((k) => k !== undefined));
    for (const known of this.known?.forFile(this.file.kind, this.file.symbol) ?? [])
      if (!matched.has(known))
        this.problem(0, 'known_gap_not_found', `listed gap ${known.from} -> ${known.to} is not in the file`);
    const problems = this.problems.sort((a, b) => a.row - b.row);
    const { path: file, kind, symbol } = this.file;
    return { file, kind, symbol, rows: this.rows, segments: this.segments, gaps: this.gaps, problems };
  }

  private addGap(gap: Gap, grid: SeriesGrid): void {
    const known = grid.time ? this.known?.match(this.file.kind, this.file.symbol, gap) : undefined;
    const finding = { ...gap, unit: grid.unit, fromText: grid.show(gap.from), toText: grid.show(gap.to) };
    this.gaps.push(known ? { ...finding, known } : finding);
    const detail = describeGap(gap, grid);
    if (known) this.problem(gap.row, 'known_gap', `${detail} (${known.gapKind}; listed in known-gaps)`);
    else this.problem(gap.row, 'gap', detail);
  }
}
