import { deadLetterTopic, type EventBus, type RawProducer } from '@cryptosignal/bus';
import type { Kline, TopicSpec } from '@cryptosignal/contracts';
import { InvalidMessageError, InvariantViolation, RetryableError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { idOf, kline, klines, klineTopic, seqOf, TRUNCATED_PROTOBUF } from '../support/klines.js';
import { missingSample, uniqueName, waitFor } from '../support/wait-for.js';
import { Recorder } from './recorder.js';

/** A bus built for one test, and how to release it (and whatever the harness created for it). */
export interface BusUnderTest {
  readonly bus: EventBus & RawProducer;
  close(): Promise<void>;
}

/** Bounds of the suite's waits, larger for a real broker (group joins take seconds). */
export interface ContractOptions {
  readonly waitTimeoutMs: number;
}

interface TestScope {
  readonly bus: EventBus & RawProducer;
  readonly topic: TopicSpec<Kline>;
  /** Returns a group id unique to this test. */
  group(label: string): string;
  /** Waits until `recorder` holds `count` distinct effects. */
  effects(recorder: Recorder, count: number, ids?: readonly string[]): Promise<void>;
}

/** Runs `body` with a fresh bus and a fresh topic (plus DLQ), closing the bus whatever happens. */
async function withBus(
  makeBus: () => Promise<BusUnderTest>,
  options: ContractOptions,
  body: (scope: TestScope) => Promise<void>,
): Promise<void> {
  const under = await makeBus();
  try {
    const topic = klineTopic(uniqueName('bus-contract'));
    await under.bus.ensureTopics([topic]);
    const scope: TestScope = {
      bus: under.bus,
      topic,
      group: (label) => uniqueName(`group-${label}`),
      effects: (recorder, count, ids = []) =>
        waitFor(() => recorder.effects.size >= count, {
          timeoutMs: options.waitTimeoutMs,
          describe: () =>
            `${recorder.describe()} want=${count} missing=${missingSample(ids, recorder.effects)}`,
        }),
    };
    await body(scope);
  } finally {
    await under.close();
  }
}

/** Returns the ids of `events`. */
const idsOf = (events: readonly Kline[]): string[] => events.map(idOf);

/**
 * The behaviour every `EventBus` adapter must show (see `EventBus`): per-key ordering, one delivery per
 * group, at-least-once on retryable failure, poison to the DLQ, commit after effect, failures surfaced.
 */
export function describeBusContract(
  name: string,
  makeBus: () => Promise<BusUnderTest>,
  options: ContractOptions,
): void {
  const run = (body: (scope: TestScope) => Promise<void>) => () => withBus(makeBus, options, body);

  describe(`EventBus contract: ${name}`, () => {
    it(
      'handles messages with the same key in publish order',
      run(async ({ bus, topic, group, effects }) => {
        const keys = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'];
        const events = klines(keys, 40);
        for (let i = 0; i < events.length; i += 40) await bus.publishBatch(topic, events.slice(i, i + 40));
        const recorder = new Recorder(() => new Promise((wake) => setImmediate(wake)));
        const sub = await bus.subscribe(topic, { groupId: group('order'), handler: recorder.handler });
        await effects(recorder, events.length, idsOf(events));
        await sub.stop();
        const expected = Array.from({ length: 40 }, (_, seq) => seq);
        for (const key of keys) expect(recorder.seqsOf(key)).toEqual(expected);
        const keyPartitions = new Set(recorder.deliveries.map((d) => `${d.value.symbol}@${d.ctx.partition}`));
        expect(keyPartitions.size).toBe(keys.length);
      }),
    );

    it(
      'delivers every message once to each consumer group',
      run(async ({ bus, topic, group, effects }) => {
        const events = klines(['AUSDT', 'BUSDT', 'CUSDT'], 30);
        await bus.publishBatch(topic, events);
        const first = new Recorder();
        const second = new Recorder();
        const subs = [
          await bus.subscribe(topic, { groupId: group('first'), handler: first.handler }),
          await bus.subscribe(topic, { groupId: group('second'), handler: second.handler }),
        ];
        await effects(first, events.length, idsOf(events));
        await effects(second, events.length, idsOf(events));
        await Promise.all(subs.map((s) => s.stop()));
        for (const recorder of [first, second]) {
          expect(recorder.deliveries).toHaveLength(events.length);
          expect([...recorder.effects].sort()).toEqual(idsOf(events).sort());
        }
      }),
    );

    it(
      'retries a handler that throws a RetryableError, in order, until it succeeds (at-least-once)',
      run(async ({ bus, topic, group, effects }) => {
        const events = klines(['XUSDT', 'YUSDT'], 30);
        await bus.publishBatch(topic, events);
        const recorder = new Recorder(async (value, ctx) => {
          if (seqOf(value) % 5 === 0 && ctx.attempt === 1)
            throw new RetryableError('STORAGE_UNAVAILABLE', 'flaky');
        });
        const sub = await bus.subscribe(topic, {
          groupId: group('retry'),
          handler: recorder.handler,
          retryBackoffMs: 10,
        });
        await effects(recorder, events.length, idsOf(events));
        await sub.stop();
        const expected = Array.from({ length: 30 }, (_, seq) => seq);
        expect(recorder.seqsOf('XUSDT')).toEqual(expected);
        expect(recorder.seqsOf('YUSDT')).toEqual(expected);
        const retried = recorder.deliveries.filter((d) => d.ctx.attempt === 2).map((d) => idOf(d.value));
        expect(retried.sort()).toEqual(idsOf(events.filter((e) => seqOf(e) % 5 === 0)).sort());
      }),
    );

    it(
      'surfaces exhausted retries and redelivers the uncommitted message to the next subscription',
      run(async ({ bus, topic, group, effects }) => {
        const events = klines(['KUSDT'], 8);
        await bus.publishBatch(topic, events);
        const groupId = group('exhaust');
        const failing = new Recorder(async (value) => {
          if (seqOf(value) === 3) throw new RetryableError('STORAGE_UNAVAILABLE', 'still down');
        });
        const sub = await bus.subscribe(topic, {
          groupId,
          handler: failing.handler,
          maxRetries: 2,
          retryBackoffMs: 5,
        });
        await expect(sub.done).rejects.toBeInstanceOf(RetryableError);
        expect(failing.seqsOf('KUSDT')).toEqual([0, 1, 2]);
        expect(failing.attempts.filter((a) => seqOf(a.value) === 3)).toHaveLength(3);
        const healthy = new Recorder();
        const resumed = await bus.subscribe(topic, { groupId, handler: healthy.handler });
        await effects(healthy, 5, idsOf(events.slice(3)));
        await resumed.stop();
        expect(healthy.seqsOf('KUSDT')).toEqual([3, 4, 5, 6, 7]);
      }),
    );

    it(
      'stops on an InvariantViolation without committing the message',
      run(async ({ bus, topic, group, effects }) => {
        const events = klines(['KUSDT'], 5);
        await bus.publishBatch(topic, events);
        const groupId = group('invariant');
        const crashing = new Recorder(async (value) => {
          if (seqOf(value) === 2) throw new InvariantViolation('book out of balance');
        });
        const sub = await bus.subscribe(topic, { groupId, handler: crashing.handler });
        await expect(sub.done).rejects.toBeInstanceOf(InvariantViolation);
        expect(crashing.attempts.filter((a) => seqOf(a.value) === 2)).toHaveLength(1);
        const healthy = new Recorder();
        const resumed = await bus.subscribe(topic, { groupId, handler: healthy.handler });
        await effects(healthy, 3, idsOf(events.slice(2)));
        await resumed.stop();
        expect(healthy.seqsOf('KUSDT')).toEqual([2, 3, 4]);
      }),
    );

    it(
      'sends poison messages to the DLQ with their reason and carries on',
      run(async ({ bus, topic, group, effects }) => {
        const events = klines(['KUSDT'], 10);
        const garbage = TRUNCATED_PROTOBUF;
        await bus.publishBatch(topic, events.slice(0, 5));
        await bus.publishRaw(topic.name, [{ key: 'KUSDT', value: garbage, headers: {} }]);
        await bus.publishBatch(topic, events.slice(5));
        const groupId = group('poison');
        const recorder = new Recorder(async (value) => {
          if (seqOf(value) === 7) throw new InvalidMessageError('CONTRACT_VALIDATION_FAILED', 'seq 7 is bad');
        });
        const sub = await bus.subscribe(topic, { groupId, handler: recorder.handler });
        const dead: { value: Uint8Array; headers: Readonly<Record<string, string>> }[] = [];
        const dlqSub = await bus.subscribe(deadLetterTopic(topic), {
          groupId: group('dlq-reader'),
          handler: async (value, ctx) => {
            dead.push({ value, headers: ctx.headers });
          },
        });
        await effects(recorder, 9);
        await waitFor(() => dead.length >= 2, {
          timeoutMs: options.waitTimeoutMs,
          describe: () => `dead letters=${dead.length}`,
        });
        await dlqSub.stop();
        expect(recorder.seqsOf('KUSDT')).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 9]);
        expect(dead).toHaveLength(2);
        const [decodeFailure, rejected] = dead.map((d) => d.headers);
        expect(decodeFailure).toMatchObject({
          'x-dlq-code': 'CONTRACT_DECODE_FAILED',
          'x-original-topic': topic.name,
          'x-original-partition': String(recorder.deliveries[0]!.ctx.partition),
          'x-original-offset': '5',
          'x-consumer-group': groupId,
        });
        expect(decodeFailure!['x-dlq-reason']).toContain('undecodable');
        expect(new Uint8Array(dead[0]!.value)).toEqual(garbage);
        expect(rejected).toMatchObject({
          'x-dlq-code': 'CONTRACT_VALIDATION_FAILED',
          'x-dlq-reason': 'seq 7 is bad',
          'x-event-id': idOf(events[7]!),
          'x-original-offset': '8',
        });
        await sub.stop();
        const resumed = new Recorder();
        const again = await bus.subscribe(topic, { groupId, handler: resumed.handler });
        await bus.publish(topic, kline('KUSDT', 10));
        await effects(resumed, 1, [idOf(kline('KUSDT', 10))]);
        await again.stop();
        expect(resumed.seqsOf('KUSDT')).toEqual([10]);
      }),
    );

    it(
      'commits only after the effect: stopping mid-stream and resubscribing the group loses nothing',
      run(async ({ bus, topic, group, effects }) => {
        const events = klines(['PUSDT', 'QUSDT', 'RUSDT', 'SUSDT'], 50);
        await bus.publishBatch(topic, events);
        const groupId = group('resume');
        const effectsById = new Set<string>();
        const slow = new Recorder(async (_value, ctx) => {
          await new Promise((wake) => setTimeout(wake, 1));
          effectsById.add(ctx.eventId);
        });
        const sub = await bus.subscribe(topic, { groupId, handler: slow.handler });
        await effects(slow, 60);
        await sub.stop();
        const stoppedAt = slow.effects.size;
        expect(stoppedAt).toBeLessThan(events.length);
        const rest = new Recorder(async (_value, ctx) => {
          effectsById.add(ctx.eventId);
        });
        const resumed = await bus.subscribe(topic, { groupId, handler: rest.handler });
        await waitFor(() => effectsById.size >= events.length, {
          timeoutMs: options.waitTimeoutMs,
          describe: () => `effects=${effectsById.size} missing=${missingSample(idsOf(events), effectsById)}`,
        });
        await resumed.stop();
        expect([...effectsById].sort()).toEqual(idsOf(events).sort());
        expect(slow.deliveries.length + rest.deliveries.length).toBeGreaterThanOrEqual(events.length);
      }),
    );

    it(
      'waits for the handler in flight on stop and commits it',
      run(async ({ bus, topic, group, effects }) => {
        const events = klines(['KUSDT'], 4);
        await bus.publishBatch(topic, events);
        const groupId = group('inflight');
        let release!: () => void;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const blocked = new Recorder(async (value) => {
          if (seqOf(value) === 1) await gate;
        });
        const sub = await bus.subscribe(topic, { groupId, handler: blocked.handler });
        await waitFor(() => blocked.attempts.length >= 2, {
          timeoutMs: options.waitTimeoutMs,
          describe: () => blocked.describe(),
        });
        let stopped = false;
        const stopping = sub.stop().then(() => {
          stopped = true;
        });
        await new Promise((wake) => setTimeout(wake, 50));
        expect(stopped).toBe(false);
        release();
        await stopping;
        expect(blocked.seqsOf('KUSDT')).toEqual([0, 1]);
        const rest = new Recorder();
        const resumed = await bus.subscribe(topic, { groupId, handler: rest.handler });
        await effects(rest, 2, idsOf(events.slice(2)));
        await resumed.stop();
        expect(rest.seqsOf('KUSDT')).toEqual([2, 3]);
      }),
    );
  });
}
