import { InvalidMessageError, RetryableError } from '@cryptosignal/runtime';
import type { RecordSink, RecordWrite, WriteOutcome } from '../ports.js';

/** The sink a write-behind sink hands its buffer to: writes rows durably and drains on demand. */
export interface DurableRecordSink extends RecordSink {
  /** Writes what is buffered at once; resolves once every write handed over so far is settled. */
  flush(): Promise<void>;
  /** Writes what is buffered, then refuses new writes. */
  close(): Promise<void>;
}

/** A buffered write the database refused when it was flushed. */
export interface RefusedWrite {
  readonly eventId: string;
  readonly kind: RecordWrite['kind'];
  readonly reason: string;
}

/**
 * A RecordSink that acknowledges a write as soon as it is buffered (`buffered`) and writes the buffer through a
 * durable sink only when `flush()` is called, in arrival order, in batches of the durable sink's size.
 * It gives up the recorder's commit-after-write rule, so it is only for hosts whose bus is not durable either:
 * the embedded replay, where the in-process bus loses everything with the process anyway and the host flushes
 * before any scheduled job reads the tables and before the report. Distributed mode never uses it.
 * A write the database refuses can no longer go to the DLQ (its offset is committed): `flush()` rejects with
 * an InvalidMessageError naming every refused event, after the others were written.
 */
export class WriteBehindRecordSink implements RecordSink {
  #buffer: RecordWrite[] = [];
  #closed = false;

  constructor(private readonly durable: DurableRecordSink) {}

  /** Buffers `record`; resolves at once. Thrown as RetryableError after `close()`. */
  async write(record: RecordWrite): Promise<WriteOutcome> {
    if (this.#closed) throw new RetryableError('DEPENDENCY_NOT_READY', 'record sink is closed');
    this.#buffer.push(record);
    return 'buffered';
  }

  /** Writes buffered rows not handed to the database yet, for diagnostics. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /**
   * Writes every buffered row and resolves once all are committed.
   * Thrown as InvalidMessageError (`DATA_INVALID`) when the database refused some rows (the others are written),
   * and as the durable sink's error (RetryableError) when the database stayed unreachable.
   */
  async flush(): Promise<void> {
    const items = this.#buffer;
    if (items.length === 0) return;
    this.#buffer = [];
    // Settled before the drain is awaited, so that a refusal is never an unhandled rejection.
    const settling = Promise.allSettled(items.map((item) => this.durable.write(item)));
    await this.durable.flush();
    const results = await settling;
    const refused: RefusedWrite[] = [];
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      if (!(result.reason instanceof InvalidMessageError)) throw result.reason;
      const item = items[i]!;
      refused.push({ eventId: item.row.event_id, kind: item.kind, reason: result.reason.message });
    }
    if (refused.length > 0) {
      const list = refused.map((r) => `${r.kind} ${r.eventId}: ${r.reason}`).join('; ');
      throw new InvalidMessageError('DATA_INVALID', `${refused.length} buffered writes refused: ${list}`, {
        cause: refused,
      });
    }
  }

  /** Flushes, then refuses new writes and closes the durable sink. */
  async close(): Promise<void> {
    this.#closed = true;
    try {
      await this.flush();
    } finally {
      await this.durable.close();
    }
  }
}
