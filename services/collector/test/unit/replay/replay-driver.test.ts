import { fileURLToPath } from 'node:url';
import { InProcessBus } from '@cryptosignal/bus';
import { type Kline, renameTopic, TOPICS } from '@cryptosignal/contracts';
import { ManualClock } from '@cryptosignal/runtime';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { describe, expect, it } from 'vitest';
import { BusMarketPublisher } from '../../../src/adapters/bus-market-publisher.js';
import { MARKET_TOPICS } from '../../../src/adapters/market-messages.js';
import { CollectorMetrics } from '../../../src/metrics.js';
import { driveReplay } from '../../../src/replay/replay-driver.js';
import { replaySlices } from '../../../src/replay/replay-slices.js';

const DATA = fileURLToPath(new URL('../../../../../data/market/', import.meta.url));
const FROM = Date.UTC(2024, 5, 1);
const HOURS = 48;

describe('driveReplay through an InProcessBus in lockstep', () => {
  it('delivers every 1h bar once, the BTC reference bars of each hour before any other bar', async () => {
    const bus = new InProcessBus({ partitionsPerTopic: 3 });
    const topics = { ...MARKET_TOPICS, klines1h: renameTopic(TOPICS.marketKlines1h, 'test.klines.1h') };
    await bus.ensureTopics(Object.values(topics));
    const seen: Kline[] = [];
    await bus.subscribe(topics.klines1h, { groupId: 'test', handler: async (bar) => void seen.push(bar) });
    const clock = new ManualClock(FROM);
    const ingest = {
      publisher: new BusMarketPublisher(bus, clock, topics),
      metrics: new CollectorMetrics(createMetricsRegistry({ service: 'collector', defaultMetrics: false })),
      logger: createLogger({ service: 'collector', level: 'silent' }),
    };
    const report = await driveReplay({
      slices: replaySlices({
        dataDir: DATA,
        kinds: ['klines_1h', 'klines_1h_spot'],
        symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
        fromMs: FROM,
        toMs: FROM + HOURS * 3_600_000,
      }),
      ingest,
      beforeSlice: (slice) => clock.set(slice.untilMs),
      afterPhase: () => bus.idle(),
    });
    await bus.close();
    // 3 perp series + 3 spot series, one bar each per hour.
    expect(report.slices).toBe(HOURS);
    expect(seen).toHaveLength(HOURS * 6);
    for (let hour = 0; hour < HOURS; hour++) {
      const ofHour = seen.slice(hour * 6, hour * 6 + 6);
      expect(new Set(ofHour.map((b) => b.openTimeMs))).toEqual(new Set([FROM + hour * 3_600_000]));
      expect(ofHour.slice(0, 2).map((b) => b.symbol)).toEqual(['BTCUSDT', 'BTCUSDT']);
    }
    expect(seen[0]!.meta?.tsInitMs).toBe(FROM + 3_600_000);
  });
});
