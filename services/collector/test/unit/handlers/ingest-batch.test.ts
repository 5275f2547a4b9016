import { parseSymbol, type UnixMs } from '@cryptosignal/domain';
import { createLogger, createMetricsRegistry, type Registry } from '@cryptosignal/telemetry';
import { metricSamples, metricValue } from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';
import type { IngestBatch, MarketEvent } from '../../../src/domain/market-event.js';
import { ingestBatch } from '../../../src/handlers/ingest-batch.js';
import { CollectorMetrics } from '../../../src/metrics.js';
import type { MarketPublisher } from '../../../src/ports.js';
import { bar } from '../../support/bars.js';
import { MemoryPublisher, MemoryStore } from '../../support/memory-ports.js';

const T = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const LAST = 'cryptosignal_collector_last_event_timestamp_seconds';

const batch = (events: MarketEvent[]): IngestBatch => ({
  source: 'replay',
  label: 'slice',
  events,
  rejected: [],
});
const funding = (timeMs: number): MarketEvent => ({
  kind: 'funding',
  value: { symbol: parseSymbol('ETHUSDT'), fundingTime: timeMs as UnixMs, rate: 0.0001 },
});

/** A bus that refuses every publish. */
class FailingPublisher implements MarketPublisher {
  async publish(): Promise<void> {
    throw new Error('broker unavailable');
  }
}

function context(registry: Registry, publisher: MarketPublisher = new MemoryPublisher()) {
  return {
    store: new MemoryStore(),
    publisher,
    metrics: new CollectorMetrics(registry),
    logger: createLogger({ service: 'collector', level: 'silent' }),
  };
}

describe('ingestBatch last-event gauge', () => {
  it('sets each published stream to its newest event time in seconds, a 1h bar at its close', async () => {
    const registry = createMetricsRegistry({ service: 'collector', defaultMetrics: false });
    const publisher = new MemoryPublisher();
    await ingestBatch(
      batch([
        { kind: 'kline', value: bar(T + HOUR) },
        { kind: 'kline', value: bar(T) },
        { kind: 'kline', value: bar(T + 2 * HOUR, { interval: '1m' }) },
        { kind: 'kline', value: bar(T + 5 * HOUR, { interval: '1d' }) },
        funding(T + 8 * HOUR),
      ]),
      context(registry, publisher),
    );
    expect(publisher.events).toHaveLength(5);
    expect(await metricValue(registry, LAST, { stream: 'klines_1h' })).toBe((T + 2 * HOUR - 1) / 1000);
    expect(await metricValue(registry, LAST, { stream: 'klines_1m' })).toBe((T + 2 * HOUR + 59_999) / 1000);
    expect(await metricValue(registry, LAST, { stream: 'funding' })).toBe((T + 8 * HOUR) / 1000);
    const streams = (await metricSamples(registry, LAST)).map((s) => s.labels.stream);
    expect(streams.sort()).toEqual(['funding', 'klines_1h', 'klines_1m']);
  });

  it('never moves backwards when older facts are published again, across collectors on one registry', async () => {
    const registry = createMetricsRegistry({ service: 'collector', defaultMetrics: false });
    await ingestBatch(batch([{ kind: 'kline', value: bar(T + 10 * HOUR) }]), context(registry));
    await ingestBatch(batch([{ kind: 'kline', value: bar(T + 3 * HOUR) }]), context(registry));
    expect(await metricValue(registry, LAST, { stream: 'klines_1h' })).toBe((T + 11 * HOUR - 1) / 1000);
    await ingestBatch(batch([{ kind: 'kline', value: bar(T + 11 * HOUR) }]), context(registry));
    expect(await metricValue(registry, LAST, { stream: 'klines_1h' })).toBe((T + 12 * HOUR - 1) / 1000);
  });

  it('leaves the gauge unset when nothing is published (store-only backfill, failed publish)', async () => {
    const registry = createMetricsRegistry({ service: 'collector', defaultMetrics: false });
    const storeOnly = { ...context(registry), publisher: undefined };
    await ingestBatch(batch([{ kind: 'kline', value: bar(T) }]), storeOnly);
    const failing = context(registry, new FailingPublisher());
    await expect(ingestBatch(batch([{ kind: 'kline', value: bar(T) }]), failing)).rejects.toThrow(
      /broker unavailable/,
    );
    expect(await metricSamples(registry, LAST)).toEqual([]);
  });
});
