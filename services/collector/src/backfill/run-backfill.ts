import type { DataKind } from '@cryptosignal/marketdata';
import { coveredFraction, resumeFromMs } from '../domain/resume.js';
import { type IngestContext, ingestBatch } from '../handlers/ingest-batch.js';
import type { MarketStore } from '../ports.js';
import type { BackfillReader, StreamPlan } from './backfill-reader.js';

/** Progress of a backfill, for a progress bar: work is measured in stream time covered (ms). */
export interface BackfillProgress {
  readonly stream: StreamPlan;
  /** Streams finished and in total. */
  readonly streamsDone: number;
  readonly streams: number;
  /** Share of the whole backfill done, in [0, 1] (each stream weighs the same). */
  readonly fraction: number;
  readonly rowsWritten: number;
  readonly rowsQuarantined: number;
}

/** What to backfill. */
export interface BackfillOptions {
  readonly reader: BackfillReader;
  readonly ingest: IngestContext & { readonly store: MarketStore };
  readonly kinds: readonly DataKind[];
  /** Symbols to take; unset = every symbol the source has. */
  readonly symbols?: readonly string[];
  /** Requested range, ms UTC, both inclusive; each stream resumes after its watermark within it. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Rows per transaction (default 5,000). */
  readonly batchRows?: number;
  readonly onProgress?: (progress: BackfillProgress) => void;
}

/** What a backfill did. */
export interface BackfillReport {
  readonly streams: number;
  readonly streamsSkipped: number;
  readonly rowsWritten: number;
  readonly rowsQuarantined: number;
  readonly conflicts: number;
}

/**
 * Backfills streams one after another: for each, resumes after the watermark stored for (kind, symbol)
 * (`resumeFromMs`), reads the source in pieces and ingests each piece as one transaction together with the
 * new watermark. A run killed at any point and started again continues after its last committed piece and
 * ends with the same rows; running it twice changes nothing (upserts on natural keys).
 * Thrown when the source or the store fails; what was committed stays.
 */
export async function runBackfill(options: BackfillOptions): Promise<BackfillReport> {
  const { reader, ingest, fromMs, toMs } = options;
  const batchRows = options.batchRows ?? 5_000;
  const streams = await reader.streams(options.kinds, options.symbols);
  const totals = { rowsWritten: 0, rowsQuarantined: 0, conflicts: 0, skipped: 0 };
  for (const [index, stream] of streams.entries()) {
    const start = resumeFromMs(await ingest.store.watermark(stream.kind, stream.symbol), fromMs, toMs);
    const report = (atMs: number) =>
      options.onProgress?.({
        stream,
        streamsDone: index,
        streams: streams.length,
        fraction: (index + (start === undefined ? 1 : coveredFraction(atMs, start, toMs))) / streams.length,
        rowsWritten: totals.rowsWritten,
        rowsQuarantined: totals.rowsQuarantined,
      });
    if (start === undefined) {
      totals.skipped += 1;
      report(toMs);
      continue;
    }
    for await (const chunk of readAhead(reader.read(stream, start, toMs, batchRows))) {
      const watermark = { kind: stream.kind, symbol: stream.symbol, eventTimeMs: chunk.positionMs };
      const label = stream.kind;
      const batch = {
        source: reader.source,
        label,
        events: chunk.events,
        rejected: chunk.rejected,
        watermark,
      };
      const result = await ingestBatch(batch, ingest);
      totals.rowsWritten += result?.written ?? 0;
      totals.rowsQuarantined += result?.quarantined ?? 0;
      totals.conflicts += result?.conflicts ?? 0;
      report(chunk.positionMs);
    }
    report(toMs);
  }
  return {
    streams: streams.length,
    streamsSkipped: totals.skipped,
    rowsWritten: totals.rowsWritten,
    rowsQuarantined: totals.rowsQuarantined,
    conflicts: totals.conflicts,
  };
}

/**
 * Iterates `source` while already reading its next item: the next piece is parsed while the current one is
 * being written, so file parsing (CPU) overlaps the database round trip.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
