import type { DataKind } from '@cryptosignal/marketdata';
import type { MarketEvent, QuarantinedRow } from '../domain/market-event.js';
import { eventTimeMs } from '../domain/market-event.js';
import { fileItemChunks, REPLAY_SOURCE, type ReplayItem } from '../replay/file-items.js';
import { listReplayFiles, type ReplayFile } from '../replay/replay-files.js';
import type { BackfillReader, StreamChunk, StreamPlan } from './backfill-reader.js';

/**
 * Backfills from recorded files (`<dataDir>/<kind>/<SYMBOL>.csv[.gz]`): one stream per file, read in file
 * order with the replay's row checks; rows before the resume point are checked (the series state needs them)
 * but not written again.
 */
export class ReplayBackfillReader implements BackfillReader {
  readonly source = REPLAY_SOURCE;
  private files = new Map<string, ReplayFile>();

  constructor(private readonly dataDir: string) {}

  async streams(kinds: readonly DataKind[], symbols: readonly string[] | undefined): Promise<StreamPlan[]> {
    const files = await listReplayFiles(this.dataDir, symbols ? { kinds, symbols } : { kinds });
    this.files = new Map(files.map((f) => [`${f.kind}/${f.symbol}`, f]));
    return files.map((f) => ({ kind: f.kind, symbol: f.symbol }));
  }

  async *read(
    stream: StreamPlan,
    fromMs: number,
    toMs: number,
    batchRows: number,
  ): AsyncGenerator<StreamChunk> {
    const file = this.files.get(`${stream.kind}/${stream.symbol}`);
    if (!file) return;
    let piece = new Piece(fromMs - 1);
    for await (const chunk of fileItemChunks(file)) {
      const ended = piece.take(chunk, fromMs, toMs);
      if (piece.size >= batchRows) {
        yield piece.chunk();
        piece = new Piece(piece.positionMs);
      }
      if (ended) break;
    }
    if (piece.size > 0) yield piece.chunk();
  }
}

/** The rows of one piece being gathered, and the position it reached. */
class Piece {
  private readonly events: MarketEvent[] = [];
  private readonly rejected: QuarantinedRow[] = [];

  constructor(public positionMs: number) {}

  get size(): number {
    return this.events.length + this.rejected.length;
  }

  /** Takes the items of `chunk` in range; returns true once an item past `toMs` was seen. */
  take(chunk: readonly ReplayItem[], fromMs: number, toMs: number): boolean {
    for (const item of chunk) {
      if (item.sortTimeMs > toMs) return true;
      if (item.rejected) this.rejected.push(item.rejected);
      else if (item.event && eventTimeMs(item.event) >= fromMs) this.events.push(item.event);
      else continue;
      this.positionMs = Math.max(this.positionMs, item.sortTimeMs);
    }
    return false;
  }

  chunk(): StreamChunk {
    return { events: this.events, rejected: this.rejected, positionMs: this.positionMs };
  }
}
