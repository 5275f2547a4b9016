import { deadLetterTopic, type Subscription } from '@cryptosignal/bus';
import type { Kline } from '@cryptosignal/contracts';
import { ConfigError } from '@cryptosignal/runtime';
import kafkajs from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { DisposableKafkaBus, KAFKA_BROKERS } from './support/kafka-harness.js';
import {
  idOf,
  kline,
  klines,
  klineTopic,
  seqOf,
  TEXT_GARBAGE,
  TRUNCATED_PROTOBUF,
} from './support/klines.js';
import { missingSample, uniqueName, waitFor } from './support/wait-for.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT', 'ADAUSDT', 'DOGEUSDT', 'LINKUSDT'];

describe('KafkaBus acceptance', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const openBus = (
    overrides: ConstructorParameters<typeof DisposableKafkaBus>[0] = {},
  ): DisposableKafkaBus => {
    const bus = new DisposableKafkaBus(overrides);
    cleanups.push(() => bus.close());
    return bus;
  };

  it('carries 10,000 protobuf events into a consumer group with none lost and none duplicated', async () => {
    const bus = openBus();
    const topic = klineTopic(uniqueName('bus-10k'));
    await bus.ensureTopics([topic]);
    const events = klines(SYMBOLS, 1_250);
    const handled = new Map<string, number>();
    const order = new Map<string, number[]>();
    const startedMs = Date.now();
    for (let i = 0; i < events.length; i += 500) await bus.publishBatch(topic, events.slice(i, i + 500));
    const publishedMs = Date.now();
    const sub = await bus.subscribe(topic, {
      groupId: uniqueName('bus-10k-group'),
      handler: async (bar: Kline, ctx) => {
        handled.set(ctx.eventId, (handled.get(ctx.eventId) ?? 0) + 1);
        const seqs = order.get(bar.symbol) ?? [];
        seqs.push(seqOf(bar));
        order.set(bar.symbol, seqs);
      },
    });
    const ids = events.map(idOf);
    await waitFor(() => handled.size >= events.length, {
      timeoutMs: 120_000,
      intervalMs: 50,
      describe: () =>
        `distinct=${handled.size}/${events.length} missing=${missingSample(ids, new Set(handled.keys()))}`,
    });
    const consumedMs = Date.now();
    await sub.stop();
    const total = [...handled.values()].reduce((a, b) => a + b, 0);
    const duplicated = [...handled].filter(([, n]) => n > 1).map(([id]) => id);
    expect(new Set(ids).size).toBe(10_000);
    expect(handled.size, `missing ${missingSample(ids, new Set(handled.keys()))}`).toBe(10_000);
    expect(total, `duplicated ${duplicated.slice(0, 10)}`).toBe(10_000);
    const expectedOrder = Array.from({ length: 1_250 }, (_, seq) => seq);
    for (const symbol of SYMBOLS) expect(order.get(symbol)).toEqual(expectedOrder);
    console.log(
      `10k test: publish ${publishedMs - startedMs} ms, consume ${consumedMs - publishedMs} ms, total ${consumedMs - startedMs} ms`,
    );
  });

  it('dead-letters raw garbage produced to the topic with its reason while the consumer carries on', async () => {
    const bus = openBus();
    const topic = klineTopic(uniqueName('bus-garbage'));
    await bus.ensureTopics([topic]);
    const raw = new kafkajs.Kafka({
      clientId: 'bus-garbage-producer',
      brokers: KAFKA_BROKERS,
      logLevel: 0,
    }).producer();
    await raw.connect();
    cleanups.push(() => raw.disconnect());
    const good = klines(['BTCUSDT'], 6);
    await bus.publishBatch(topic, good.slice(0, 2));
    await raw.send({
      topic: topic.name,
      messages: [{ key: 'BTCUSDT', value: Buffer.from(TRUNCATED_PROTOBUF) }],
    });
    await bus.publishBatch(topic, good.slice(2, 4));
    await raw.send({ topic: topic.name, messages: [{ key: 'BTCUSDT', value: Buffer.from(TEXT_GARBAGE) }] });
    await bus.publishBatch(topic, good.slice(4));

    const groupId = uniqueName('bus-garbage-group');
    const handled: number[] = [];
    const subs: Subscription[] = [];
    subs.push(await bus.subscribe(topic, { groupId, handler: async (bar) => void handled.push(seqOf(bar)) }));
    const dead: { bytes: Uint8Array; headers: Readonly<Record<string, string>> }[] = [];
    subs.push(
      await bus.subscribe(deadLetterTopic(topic), {
        groupId: uniqueName('bus-garbage-dlq'),
        handler: async (bytes, ctx) => void dead.push({ bytes, headers: ctx.headers }),
      }),
    );
    await waitFor(() => handled.length >= 6 && dead.length >= 2, {
      timeoutMs: 60_000,
      describe: () => `handled=${handled} dead=${dead.length}`,
    });
    await Promise.all(subs.map((s) => s.stop()));
    expect(handled).toEqual([0, 1, 2, 3, 4, 5]);
    expect(dead.map((d) => Buffer.from(d.bytes))).toEqual([
      Buffer.from(TRUNCATED_PROTOBUF),
      Buffer.from(TEXT_GARBAGE),
    ]);
    const common = { 'x-original-topic': topic.name, 'x-consumer-group': groupId };
    expect(dead[0]!.headers).toMatchObject({
      ...common,
      'x-dlq-code': 'CONTRACT_DECODE_FAILED',
      'x-original-offset': '2',
    });
    expect(dead[1]!.headers).toMatchObject({
      ...common,
      'x-dlq-code': 'CONTRACT_VALIDATION_FAILED',
      'x-original-offset': '5',
    });
    expect(dead[0]!.headers['x-dlq-reason']).toContain('undecodable');
    expect(dead[1]!.headers['x-dlq-reason']).toContain('meta is required');
  });

  it('refuses to publish to a topic that was never ensured (no auto-creation)', async () => {
    const bus = openBus({ retries: 1, initialRetryTimeMs: 100 });
    const topic = klineTopic(uniqueName('bus-missing'));
    await expect(bus.publish(topic, kline('BTCUSDT', 0))).rejects.toBeInstanceOf(ConfigError);
  });
});
