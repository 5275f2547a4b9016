import type { ProblemKind } from '../types.js';

/** A run of missing points in a regular series, bounded by the rows before and after it. */
export interface Gap {
  /** Line of the first row after the gap. */
  readonly row: number;
  /** Grid point of the last row before the gap (epoch ms UTC for time series, an id for trade ids). */
  readonly from: number;
  /** Grid point of the first row after the gap. */
  readonly to: number;
  /** Number of grid points strictly between `from` and `to`: (to − from) / step − 1. */
  readonly missing: number;
}

/** A covered stretch of a series: first and last grid point and the number of rows in it. */
export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly rows: number;
}

/** How a regular series is laid out and how its findings are worded. */
export interface SeriesGrid {
  /** Distance between consecutive points (ms for time series). */
  readonly stepMs: number;
  /** A point may be this far off its grid point and still count as on it (Binance's funding-time jitter). */
  readonly toleranceMs?: number;
  /** Plural noun of one point in problem details, e.g. `1h bars`. */
  readonly unit: string;
  /** Renders a point in problem details (ISO-8601 UTC for times). */
  readonly show: (point: number) => string;
  /** True when points are epoch-ms times (only time gaps can be listed as known gaps). */
  readonly time?: boolean;
}

/** Receives the tracker's findings. */
export interface SeriesSink {
  problem(row: number, kind: ProblemKind, detail: string): void;
  gap(gap: Gap): void;
}

/**
 * Follows one regular series (bar open times, funding times, trade ids) row by row and reports what breaks
 * its grid: `unaligned` (more than `toleranceMs` off a multiple of `stepMs`; the row is then left out of the
 * series), `duplicate` (grid point already seen), `out_of_order` (earlier than the last point and not seen
 * before) and gaps (a step of k × stepMs with k > 1 means k − 1 missing points). Keeps the covered segments.
 */
export class SeriesTracker {
  readonly segments: Segment[] = [];
  private readonly seen: number[] = [];
  private segmentStart = 0;
  private segmentRows = 0;
  private unreadableRows = 0;

  constructor(
    private readonly grid: SeriesGrid,
    private readonly sink: SeriesSink,
  ) {}

  /** Returns the last accepted grid point, or undefined before the first. */
  get last(): number | undefined {
    return this.seen[this.seen.length - 1];
  }

  /** Takes the point of the row at line `row`; returns true when it extends the series (in order, on the grid, new). */
  observe(point: number, row: number): boolean {
    const { stepMs, toleranceMs = 0, show } = this.grid;
    const slot = Math.round(point / stepMs) * stepMs;
    if (Math.abs(point - slot) > toleranceMs) {
      const off = point - Math.floor(point / stepMs) * stepMs;
      this.sink.problem(row, 'unaligned', `${show(point)} is ${off} ms past the ${stepMs} ms grid`);
      return false;
    }
    const last = this.last;
    if (last !== undefined && slot <= last) {
      if (slot === last || this.wasSeen(slot)) this.sink.problem(row, 'duplicate', `${show(point)} repeats`);
      else this.sink.problem(row, 'out_of_order', `${show(point)} comes after ${show(last)}`);
      return false;
    }
    const missing = last === undefined ? 0 : (slot - last) / stepMs - 1;
    if (missing > this.unreadableRows && last !== undefined) {
      this.sink.gap({ row, from: last, to: slot, missing });
      this.closeSegment();
    }
    this.unreadableRows = 0;
    if (this.segmentRows === 0) this.segmentStart = slot;
    this.segmentRows += 1;
    this.seen.push(slot);
    return true;
  }

  /**
   * Notes a row that could not be parsed (already reported). Up to that many missing points right after it
   * are taken to be that row's and are not reported again as a gap.
   */
  unreadable(): void {
    this.unreadableRows += 1;
  }

  /** Closes the open segment; call once after the last row. */
  finish(): void {
    this.closeSegment();
  }

  private closeSegment(): void {
    const last = this.last;
    if (this.segmentRows > 0 && last !== undefined)
      this.segments.push({ from: this.segmentStart, to: last, rows: this.segmentRows });
    this.segmentRows = 0;
  }

  private wasSeen(slot: number): boolean {
    let lo = 0;
    let hi = this.seen.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = this.seen[mid]!;
      if (value === slot) return true;
      if (value < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** Returns the gap's wording for a problem detail, e.g. `60 missing 1m bars between … and …`. */
export function describeGap(gap: Gap, grid: SeriesGrid): string {
  return `${gap.missing} missing ${grid.unit} between ${grid.show(gap.from)} and ${grid.show(gap.to)}`;
}
