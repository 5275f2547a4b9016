import { afterEach, describe, expect, it } from 'vitest';
import { assertBuilt, type Child, startChild } from './support/child-process.js';
import { DATABASE_URL, DisposableKafkaBus, KAFKA_BROKERS } from './support/kafka-harness.js';
import { idOf, klines, klineTopic } from './support/klines.js';
import { createEffectStore, type EffectStore } from './support/postgres.js';
import { missingSample, uniqueName, waitFor } from './support/wait-for.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT', 'ADAUSDT'];
const EVENTS = 3_000;
const KILL_AFTER_EFFECTS = 600;

describe('KafkaBus: a consumer process SIGKILLed mid-stream and restarted', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('leaves every event effect in PostgreSQL exactly once', async () => {
    assertBuilt();
    const bus = new DisposableKafkaBus();
    cleanups.push(() => bus.close());
    const store: EffectStore = await createEffectStore();
    cleanups.push(() => store.dispose());
    const topic = klineTopic(uniqueName('bus-crash'));
    await bus.ensureTopics([topic]);
    const events = klines(SYMBOLS, EVENTS / SYMBOLS.length);
    for (let i = 0; i < events.length; i += 500) await bus.publishBatch(topic, events.slice(i, i + 500));

    const config = {
      brokers: KAFKA_BROKERS,
      databaseUrl: DATABASE_URL,
      topicName: topic.name,
      groupId: uniqueName('bus-crash-group'),
      schema: store.schema,
      sessionTimeoutMs: 10_000,
    };
    const children: Child[] = [];
    cleanups.push(async () => {
      for (const c of children)
        if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    });
    const spawnChild = async (): Promise<Child> => {
      const child = startChild('consumer-child.mjs', config, 60_000);
      children.push(child);
      await child.ready;
      return child;
    };
    const describeState = async (): Promise<string> => {
      const s = await store.snapshot();
      const missing = missingSample(events.map(idOf), s.ids);
      return `effects=${s.ids.size}/${EVENTS} deliveries=${s.deliveryRows} missing=${missing}\n${children.map((c) => c.output()).join('\n---\n')}`;
    };
    const effectsReach = async (count: number, timeoutMs: number): Promise<void> => {
      try {
        await waitFor(async () => (await store.effectCount()) >= count, {
          timeoutMs,
          intervalMs: 100,
          describe: () => `fewer than ${count} effects`,
        });
      } catch (error) {
        throw new Error(`${(error as Error).message}; ${await describeState()}`);
      }
    };

    const first = await spawnChild();
    await effectsReach(KILL_AFTER_EFFECTS, 60_000);
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const atKill = await store.snapshot();
    expect(atKill.ids.size, 'the first consumer finished before it was killed').toBeLessThan(EVENTS);

    const second = await spawnChild();
    await effectsReach(EVENTS, 120_000);
    second.process.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });

    const final = await store.snapshot();
    expect(final.effectRows).toBe(EVENTS);
    expect([...final.ids].sort()).toEqual(events.map(idOf).sort());
    expect(final.deliveryRows).toBeGreaterThanOrEqual(EVENTS);
    console.log(
      `crash test: killed at ${atKill.ids.size} effects, ${final.deliveryRows - EVENTS} redeliveries, ${EVENTS} effects once each`,
    );
  });
});
