import type { Logger } from '@cryptosignal/telemetry';
import type { IngestBatch } from '../domain/market-event.js';
import type { CollectorMetrics } from '../metrics.js';
import type { MarketPublisher, MarketStore, WriteResult } from '../ports.js';

/** What ingesting needs: where to write (optional), where to publish (optional), logs and counters. */
export interface IngestContext {
  /** The market tables; unset when table writes are switched off (embedded demo). */
  readonly store?: MarketStore;
  /** The bus; unset for a store-only backfill. */
  readonly publisher?: MarketPublisher;
  readonly metrics: CollectorMetrics;
  readonly logger: Logger;
}

/**
 * Handles one batch of one stream: writes it (events upserted, rejected rows quarantined, watermark advanced,
 * all in one transaction) when a store is configured, then publishes the accepted events and moves the
 * streams' last-event gauges. Writing first means a published fact is always already stored. Rejected rows
 * are logged once per batch with their reasons and counted; they are never published.
 * Thrown when the store or the bus fails (RetryableError when transient); nothing is published then.
 */
export async function ingestBatch(batch: IngestBatch, ctx: IngestContext): Promise<WriteResult | undefined> {
  let result: WriteResult | undefined;
  if (ctx.store) {
    const stop = ctx.metrics.batchWriteSeconds.startTimer({ kind: batch.label });
    result = await ctx.store.writeBatch(batch);
    stop();
    ctx.metrics.rowsWritten.inc({ kind: batch.label }, result.written);
  }
  if (batch.rejected.length > 0) {
    ctx.metrics.countQuarantined(batch.rejected);
    const reasons = [...new Set(batch.rejected.map((r) => r.reason))];
    ctx.logger.warn(
      { label: batch.label, source: batch.source, rejected: batch.rejected.length, reasons },
      'rows quarantined',
    );
  }
  if (ctx.publisher && batch.events.length > 0) {
    await ctx.publisher.publish(batch.events);
    ctx.metrics.eventsPublished.inc({ kind: batch.label }, batch.events.length);
    ctx.metrics.recordPublished(batch.events);
  }
  return result;
}
