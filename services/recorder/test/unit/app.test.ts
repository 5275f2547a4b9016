import { deadLetterTopic, InProcessBus } from '@cryptosignal/bus';
import { TOPICS } from '@cryptosignal/contracts';
import { EventTimeScheduler } from '@cryptosignal/host';
import { TradeRecords } from '@cryptosignal/records';
import { ManualClock } from '@cryptosignal/runtime';
import { PgliteStore } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder } from '../../src/app.js';
import { DEFAULT_RECORDER_CONFIG } from '../../src/config.js';
import { RECORDER_TOPICS } from '../../src/topics.js';
import { countRows, migrateRecorder } from '../support/recorder-db.js';
import { tradeChain } from '../support/trade-events.js';

let store: PgliteStore;
beforeAll(async () => {
  store = await PgliteStore.create({ schema: 'recorder_app' });
  await migrateRecorder(store);
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('recorder in embedded mode (in-process bus, PGlite, event time)', () => {
  it('records every chain once, whatever the arrival order, and dead-letters a poison message', async () => {
    const bus = new InProcessBus({ partitionsPerTopic: 3 });
    await bus.ensureTopics(RECORDER_TOPICS);
    const clock = new ManualClock(Date.UTC(2025, 3, 1));
    const scheduler = new EventTimeScheduler(clock);
    const running = await startRecorder(
      {
        bus,
        store,
        clock,
        scheduler,
        logger: createLogger({ service: 'recorder', level: 'silent' }),
        metrics: createMetricsRegistry({ service: 'recorder', defaultMetrics: false }),
      },
      { ...DEFAULT_RECORDER_CONFIG, pendingSweepMs: 60_000 },
    );
    const chains = Array.from({ length: 40 }, (_, i) =>
      tradeChain(i, { run: 'embedded', rejected: i % 5 === 4 }),
    );
    await bus.publishBatch(
      TOPICS.tradesClosed,
      chains.map((c) => c.result),
    );
    await bus.publishRaw(TOPICS.executionsReported.name, [
      { key: 'x', value: new Uint8Array([1, 2, 3]), headers: {} },
    ]);
    await bus.publishBatch(
      TOPICS.executionsReported,
      chains.map((c) => c.execution),
    );
    await bus.idle();
    expect(await countRows(store)).toEqual({ signals: 0, executions: 0, results: 0, pending: 80 });
    await bus.publishBatch(
      TOPICS.signalsPublished,
      chains.flatMap((c) => (c.published ? [c.published] : [])),
    );
    await bus.publishBatch(
      TOPICS.signalsRejected,
      chains.flatMap((c) => (c.rejected ? [c.rejected] : [])),
    );
    await bus.publishBatch(
      TOPICS.tradesClosed,
      chains.map((c) => c.result),
    );
    await bus.idle();
    clock.advance(60_000);
    expect(await scheduler.advanceTo(clock.nowMs())).toBe(1);
    expect(await countRows(store)).toEqual({ signals: 40, executions: 40, results: 40, pending: 0 });
    expect(await new TradeRecords(store).counts({ shadow: true })).toEqual({
      signals: 8,
      executions: 8,
      results: 8,
    });
    const deadLetters: string[] = [];
    await bus.subscribe(deadLetterTopic(TOPICS.executionsReported), {
      groupId: 'dlq-reader',
      handler: async (_value, ctx) => {
        deadLetters.push(ctx.headers['x-dlq-code'] ?? '');
      },
    });
    await bus.idle();
    expect(deadLetters).toEqual(['CONTRACT_DECODE_FAILED']);
    expect(running.isReady()).toBe(true);
    await running.stop();
    expect(running.isReady()).toBe(false);
    await bus.close();
  });
});
