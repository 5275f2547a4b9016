import { deadLetterTopic } from '@cryptosignal/bus';
import type { Kline } from '@cryptosignal/contracts';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisposableKafkaBus } from './support/kafka-harness.js';
import { idOf, kline, klineTopic, seqOf } from './support/klines.js';
import { parentOf, recordSpans, type SpanRecorder } from './support/span-recorder.js';
import { uniqueName, waitFor } from './support/wait-for.js';

/** A well-formed traceparent of another trace, which the bus must replace with its publish span's. */
const FOREIGN_TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

let recorder: SpanRecorder;
beforeAll(() => {
  recorder = recordSpans('bus-test');
});
afterAll(async () => {
  await recorder.stop();
});

function only(spans: readonly ReadableSpan[], name: string, eventId: string): ReadableSpan {
  const found = spans.filter((s) => s.name === name && s.attributes['cryptosignal.event_id'] === eventId);
  expect(found, `${name} of ${eventId}`).toHaveLength(1);
  return found[0]!;
}

function byId(spans: readonly ReadableSpan[], spanId: string | undefined): ReadableSpan {
  const found = spans.find((s) => s.spanContext().spanId === spanId);
  expect(found, `span ${spanId}`).toBeDefined();
  return found!;
}

describe('KafkaBus trace propagation across a real broker', () => {
  it('parents each process span on its publish span, keeps a two-hop chain in one trace and the DLQ headers', async () => {
    const bus = new DisposableKafkaBus();
    const first = klineTopic(uniqueName('bus-trace-a'));
    const second = klineTopic(uniqueName('bus-trace-b'));
    const hop = { group: uniqueName('trace-a'), next: uniqueName('trace-b') };
    const received: { bar: Kline; headers: Readonly<Record<string, string>> }[] = [];
    const deadLetters: Readonly<Record<string, string>>[] = [];
    try {
      await bus.ensureTopics([first, second]);
      await bus.subscribe(second, {
        groupId: hop.next,
        handler: async (bar, ctx) => void received.push({ bar, headers: ctx.headers }),
      });
      await bus.subscribe(first, {
        groupId: hop.group,
        handler: async (bar) => {
          if (bar.symbol === 'XRPUSDT') throw new InvalidMessageError('DATA_INVALID', 'poison bar');
          await bus.publish(second, kline(bar.symbol, seqOf(bar) + 1));
        },
      });
      await bus.subscribe(deadLetterTopic(first), {
        groupId: uniqueName('trace-dlq'),
        handler: async (_raw, ctx) => void deadLetters.push(ctx.headers),
      });
      const origin = kline('BTCUSDT', 0);
      const poison = kline('XRPUSDT', 0);
      await bus.publish(first, origin);
      await bus.publish(first, poison, { 'x-run': 'r1', traceparent: FOREIGN_TRACEPARENT });
      await waitFor(() => received.length === 1 && deadLetters.length === 1, {
        timeoutMs: 60_000,
        describe: () => `received ${received.length}, dead letters ${deadLetters.length}`,
      });

      // A process span ends after its handler resolved and the offset was resolved: wait for the last ones.
      let spans: ReadableSpan[] = [];
      const processNames = [first.name, second.name, first.dlq].map((name) => `${name} process`);
      await waitFor(
        async () => {
          spans = await recorder.spans();
          return spans.filter((s) => processNames.includes(s.name)).length === 4;
        },
        { timeoutMs: 10_000, describe: () => spans.map((s) => s.name).join(', ') },
      );
      const processFirst = only(spans, `${first.name} process`, idOf(origin));
      const publishFirst = byId(spans, parentOf(processFirst));
      const processSecond = only(spans, `${second.name} process`, idOf(received[0]!.bar));
      const publishSecond = byId(spans, parentOf(processSecond));
      expect(publishFirst).toMatchObject({ name: `${first.name} publish`, kind: SpanKind.PRODUCER });
      expect(parentOf(publishFirst)).toBeUndefined();
      expect(processFirst.kind).toBe(SpanKind.CONSUMER);
      expect(processFirst.attributes).toMatchObject({
        'messaging.system': 'kafka',
        'messaging.destination.name': first.name,
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': hop.group,
        'messaging.kafka.offset': 0,
      });
      expect(publishSecond.name).toBe(`${second.name} publish`);
      expect(parentOf(publishSecond)).toBe(processFirst.spanContext().spanId);
      expect(publishSecond.attributes['messaging.kafka.message.key']).toBe('BTCUSDT');
      const traceId = publishFirst.spanContext().traceId;
      for (const span of [processFirst, publishSecond, processSecond])
        expect(span.spanContext().traceId).toBe(traceId);
      expect(received[0]!.headers.traceparent).toBe(`00-${traceId}-${publishSecond.spanContext().spanId}-01`);

      const processPoison = only(spans, `${first.name} process`, idOf(poison));
      const publishPoison = byId(spans, parentOf(processPoison));
      const { traceId: poisonTrace, spanId: poisonSpan } = publishPoison.spanContext();
      expect(poisonTrace).not.toBe(traceId);
      expect(deadLetters[0]).toMatchObject({
        traceparent: `00-${poisonTrace}-${poisonSpan}-01`,
        'x-run': 'r1',
        'x-dlq-code': 'DATA_INVALID',
      });
      const processDead = spans.find((s) => s.name === `${first.dlq} process`);
      expect(processDead && parentOf(processDead)).toBe(poisonSpan);
    } finally {
      await bus.close();
    }
  });
});
