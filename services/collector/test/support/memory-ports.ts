import type { IngestBatch, MarketEvent, QuarantinedRow } from '../../src/domain/market-event.js';
import type { MarketPublisher, MarketStore, WriteResult } from '../../src/ports.js';

/** A MarketPublisher that keeps what it was given, in order. */
export class MemoryPublisher implements MarketPublisher {
  readonly events: MarketEvent[] = [];

  async publish(events: readonly MarketEvent[]): Promise<void> {
    this.events.push(...events);
  }
}

/** A MarketStore that keeps batches in memory (watermarks and quarantine only; no table semantics). */
export class MemoryStore implements MarketStore {
  readonly quarantine: QuarantinedRow[] = [];
  readonly batches: IngestBatch[] = [];
  private readonly marks = new Map<string, number>();

  async writeBatch(batch: IngestBatch): Promise<WriteResult> {
    this.batches.push(batch);
    this.quarantine.push(...batch.rejected);
    if (batch.watermark) {
      const key = `${batch.watermark.kind}/${batch.watermark.symbol}`;
      this.marks.set(key, Math.max(this.marks.get(key) ?? 0, batch.watermark.eventTimeMs));
    }
    return { written: batch.events.length, quarantined: batch.rejected.length, conflicts: 0 };
  }

  async watermark(kind: string, symbol: string): Promise<number | undefined> {
    return this.marks.get(`${kind}/${symbol}`);
  }

  async klineOpenTimes(): Promise<number[]> {
    return [];
  }

  async rowCounts(): Promise<Record<string, number>> {
    return {};
  }
}
