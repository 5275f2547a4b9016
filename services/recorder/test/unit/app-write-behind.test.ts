import { InProcessBus } from '@cryptosignal/bus';
import { TOPICS } from '@cryptosignal/contracts';
import { EventTimeScheduler } from '@cryptosignal/host';
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
  store = await PgliteStore.create({ schema: 'recorder_write_behind' });
  await migrateRecorder(store);
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('recorder with writeBehind (embedded hosts)', () => {
  it('acknowledges events at once and writes them, facts before their signals included, at flush', async () => {
    const bus = new InProcessBus({ partitionsPerTopic: 3 });
    await bus.ensureTopics(RECORDER_TOPICS);
    const clock = new ManualClock(Date.UTC(2025, 3, 1));
    const running = await startRecorder(
      {
        bus,
        store,
        clock,
        scheduler: new EventTimeScheduler(clock),
        logger: createLogger({ service: 'recorder', level: 'silent' }),
        metrics: createMetricsRegistry({ service: 'recorder', defaultMetrics: false }),
      },
      { ...DEFAULT_RECORDER_CONFIG, writeBehind: true },
    );
    const chains = Array.from({ length: 12 }, (_, i) => tradeChain(i, { run: 'behind' }));
    await bus.publishBatch(
      TOPICS.executionsReported,
      chains.map((c) => c.execution),
    );
    await bus.publishBatch(
      TOPICS.signalsPublished,
      chains.flatMap((c) => (c.published ? [c.published] : [])),
    );
    await bus.publishBatch(
      TOPICS.tradesClosed,
      chains.map((c) => c.result),
    );
    await bus.idle();
    expect(await countRows(store)).toEqual({ signals: 0, executions: 0, results: 0, pending: 0 });
    await running.flush();
    expect(await countRows(store)).toEqual({ signals: 12, executions: 12, results: 12, pending: 0 });
    await bus.publishBatch(TOPICS.tradesClosed, [chains[0]!.result]);
    await bus.idle();
    await running.stop();
    expect(await countRows(store)).toEqual({ signals: 12, executions: 12, results: 12, pending: 0 });
    await bus.close();
  });
});
