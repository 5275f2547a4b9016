import { fileURLToPath } from 'node:url';
import { ManualClock } from '@cryptosignal/runtime';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { waitFor } from '@cryptosignal/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { BinanceStreamClient } from '../../../src/exchange/binance-stream-client.js';
import { CcxtHistorySource } from '../../../src/exchange/ccxt-history-source.js';
import { LiveMarketHandler } from '../../../src/live/live-market-handler.js';
import { CollectorMetrics } from '../../../src/metrics.js';
import { type FakeExchange, startFakeExchange } from '../../support/fake-exchange/fake-exchange.js';
import type { WsFaults } from '../../support/fake-exchange/fake-ws.js';
import { MemoryPublisher, MemoryStore } from '../../support/memory-ports.js';

const DATA = fileURLToPath(new URL('../../../../../data/market/', import.meta.url));
const FROM = Date.UTC(2024, 11, 5);
const M = 60_000;

let fake: FakeExchange | undefined;
let client: BinanceStreamClient | undefined;
afterEach(async () => {
  await client?.stop();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function streamBars(ws: WsFaults, bars: number, primaryWsUrl?: string) {
  fake = await startFakeExchange({
    dataDir: DATA,
    symbols: ['BTCUSDT'],
    ws,
    wsFromMs: FROM,
    wsIntervalMs: 5,
  });
  const registry = createMetricsRegistry({ service: 'collector', defaultMetrics: false });
  const metrics = new CollectorMetrics(registry);
  const logger = createLogger({ service: 'collector', level: 'silent' });
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = new MemoryStore();
  const publisher = new MemoryPublisher();
  const history = new CcxtHistorySource({
    name: 'binance',
    restBaseUrl: fake.restUrl,
    clock,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1_000 },
  });
  const handler = new LiveMarketHandler({
    ingest: { store, publisher, metrics, logger },
    history,
    source: 'binance',
    depthSampleMs: 5_000,
  });
  client = new BinanceStreamClient({
    endpoints: primaryWsUrl ? { primary: primaryWsUrl, backup: fake.wsUrl } : { primary: fake.wsUrl },
    streams: ['btcusdt@kline_1m'],
    reconnect: { baseDelayMs: 10, maxDelayMs: 50, failuresBeforeSwitch: 2, retryPrimaryAfterMs: 60_000 },
    clock,
    metrics,
    logger,
    onMessage: (text) => handler.handle(text),
  });
  await client.start();
  await waitFor(() => publisher.events.length >= bars, {
    timeoutMs: 20_000,
    describe: `${bars} bars published`,
  });
  const opens = publisher.events.map((e) => (e.kind === 'kline' ? e.value.openTime : -1));
  const metric = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]?.value ?? 0;
  const labelled = async (name: string) => (await registry.getSingleMetric(name)!.get()).values;
  return { opens, store, metric, labelled };
}

describe('live klines over the fake WebSocket', () => {
  it('reconnects after a dropped connection and re-fetches the bars sent meanwhile over REST', async () => {
    const { opens, metric } = await streamBars({ dropAfter: 5, lostOnDrop: 3 }, 12);
    expect(fake!.ws.connections).toHaveLength(2);
    expect(await metric('cryptosignal_collector_stream_reconnects_total')).toBe(1);
    expect(await metric('cryptosignal_collector_gap_points_refetched_total')).toBe(3);
    expect(opens.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => FROM + i * M));
  });

  it('detects an out-of-order bar, fills its slot over REST in order and quarantines the late copy', async () => {
    const { opens, store, metric } = await streamBars({ swapAt: 3 }, 8);
    expect(opens.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, i) => FROM + i * M));
    expect(await metric('cryptosignal_collector_stream_out_of_order_total')).toBe(1);
    expect(store.quarantine.map((q) => [q.reason, q.eventTimeMs])).toEqual([
      ['out_of_order', FROM + 4 * M - 1],
    ]);
  });

  it('switches to the backup endpoint when the primary cannot be reached, and says so', async () => {
    const { opens, labelled } = await streamBars({}, 4, 'ws://127.0.0.1:9');
    expect(opens.slice(0, 4)).toEqual(Array.from({ length: 4 }, (_, i) => FROM + i * M));
    expect(await labelled('cryptosignal_collector_source_failovers_total')).toEqual([
      expect.objectContaining({
        labels: { stream: 'market_streams', from: 'binance_ws', to: 'binance_ws_backup' },
        value: 1,
      }),
    ]);
  });
});
