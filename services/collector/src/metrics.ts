import { Counter, Histogram, type Registry } from '@cryptosignal/telemetry';

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]) {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter<L>({ name, help, labelNames: [...labelNames], registers: [registry] });
}

/**
 * Every instrument of the collector, declared once per registry (a second `CollectorMetrics` on the same
 * registry reuses them). Labels are bounded: data kind, reason (a problem kind), source name, stream kind.
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
  }

  /** Counts the quarantined rows of a batch by kind and reason. */
  countQuarantined(rows: readonly { kind: string; reason: string }[]): void {
    for (const row of rows) this.rowsQuarantined.inc({ kind: row.kind, reason: row.reason });
  }
}
