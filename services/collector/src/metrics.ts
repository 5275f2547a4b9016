import { Counter, Gauge, Histogram, type Registry } from '@cryptosignal/telemetry';
import { eventTimeMs, type MarketEvent, publishedStream } from './domain/market-event.js';

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]) {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter<L>({ name, help, labelNames: [...labelNames], registers: [registry] });
}

/** Newest event time published per stream (ms UTC), kept per gauge so collectors sharing a registry agree. */
const newestEventMs = new WeakMap<Gauge<'stream'>, Map<string, number>>();

/**
 * Every instrument of the collector (docs/telemetry.md, "collector"), declared once per registry (a second
 * `CollectorMetrics` on the same registry reuses them). Labels are bounded: data kind, reason (a problem kind),
 * source name, stream kind.
 */
export class CollectorMetrics {
  readonly eventsPublished: Counter<'kind'>;
  readonly rowsWritten: Counter<'kind'>;
  readonly rowsQuarantined: Counter<'kind' | 'reason'>;
  readonly sourceFailovers: Counter<'stream' | 'from' | 'to'>;
  readonly gapsDetected: Counter<'kind'>;
  readonly gapPointsRefetched: Counter<'kind'>;
  readonly requestRetries: Counter<'source' | 'reason'>;
  readonly streamReconnects: Counter<'source'>;
  readonly streamOutOfOrder: Counter<'stream'>;
  readonly batchWriteSeconds: Histogram<'kind'>;
  /** Event time of the newest event published per stream, Unix seconds (MarketDataStale reads it). */
  readonly lastEventTimestampSeconds: Gauge<'stream'>;

  constructor(registry: Registry) {
    const p = 'cryptosignal_collector_';
    this.eventsPublished = counter(registry, `${p}events_published_total`, 'Market events published', [
      'kind',
    ]);
    this.rowsWritten = counter(registry, `${p}rows_written_total`, 'Rows upserted into market tables', [
      'kind',
    ]);
    this.rowsQuarantined = counter(registry, `${p}rows_quarantined_total`, 'Rows sent to market_quarantine', [
      'kind',
      'reason',
    ]);
    this.sourceFailovers = counter(
      registry,
      `${p}source_failovers_total`,
      'Switches of a stream between sources',
      ['stream', 'from', 'to'],
    );
    this.gapsDetected = counter(registry, `${p}gaps_detected_total`, 'Gaps found in collected series', [
      'kind',
    ]);
    this.gapPointsRefetched = counter(
      registry,
      `${p}gap_points_refetched_total`,
      'Missing points re-fetched',
      ['kind'],
    );
    this.requestRetries = counter(registry, `${p}request_retries_total`, 'Exchange requests retried', [
      'source',
      'reason',
    ]);
    this.streamReconnects = counter(registry, `${p}stream_reconnects_total`, 'WebSocket reconnects', [
      'source',
    ]);
    this.streamOutOfOrder = counter(
      registry,
      `${p}stream_out_of_order_total`,
      'Stream messages out of order',
      ['stream'],
    );
    const name = `${p}batch_write_seconds`;
    this.batchWriteSeconds =
      (registry.getSingleMetric(name) as Histogram<'kind'> | undefined) ??
      new Histogram({
        name,
        help: 'Time to write one batch to the market tables',
        labelNames: ['kind'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
      });
    const last = `${p}last_event_timestamp_seconds`;
    this.lastEventTimestampSeconds =
      (registry.getSingleMetric(last) as Gauge<'stream'> | undefined) ??
      new Gauge({
        name: last,
        help: 'Event time of the newest event published on the stream (klines: bar close), Unix seconds',
        labelNames: ['stream'],
        registers: [registry],
      });
  }

  /**
   * Moves each stream's last-event gauge to the newest event time among `events` (just published), in Unix
   * seconds; never backwards, so re-publishing older facts (gap repair, a replayed slice) leaves it. Facts
   * without a topic (1d bars) are skipped.
   */
  recordPublished(events: readonly MarketEvent[]): void {
    const gauge = this.lastEventTimestampSeconds;
    const newest = newestEventMs.get(gauge) ?? new Map<string, number>();
    newestEventMs.set(gauge, newest);
    for (const event of events) {
      const stream = publishedStream(event);
      if (stream === undefined) continue;
      const timeMs = eventTimeMs(event);
      if (timeMs <= (newest.get(stream) ?? Number.NEGATIVE_INFINITY)) continue;
      newest.set(stream, timeMs);
      gauge.set({ stream }, timeMs / 1000);
    }
  }

  /** Counts the quarantined rows of a batch by kind and reason. */
  countQuarantined(rows: readonly { kind: string; reason: string }[]): void {
    for (const row of rows) this.rowsQuarantined.inc({ kind: row.kind, reason: row.reason });
  }
}
