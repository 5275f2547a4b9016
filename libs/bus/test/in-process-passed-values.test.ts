import { InProcessBus } from '@cryptosignal/bus';
import { type Kline, TOPICS } from '@cryptosignal/contracts';
import { InvalidMessageError, InvariantViolation } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { kline, klineTopic } from './support/klines.js';

/** A codec-less view of a DLQ: the raw bytes of each dead letter, decoded as a kline by the real codec. */
async function deadLetters(bus: InProcessBus, name: string): Promise<Kline[]> {
  const seen: Kline[] = [];
  const dlq = { ...klineTopic(name), name: `${name}.dlq`, dlq: `${name}.dlq.dlq` };
  await bus.ensureTopics([dlq]);
  await bus.subscribe(dlq, { groupId: 'dlq-reader', handler: async (bar) => void seen.push(bar) });
  await bus.idle(5_000);
  return seen;
}

describe('InProcessBus passed values', () => {
  it('hands consumers the published value itself, frozen, in the fast transport', async () => {
    const bus = new InProcessBus({ transport: 'values' });
    const topic = klineTopic('market.klines.1h.v1.passed');
    await bus.ensureTopics([topic]);
    const seen: Kline[] = [];
    await bus.subscribe(topic, { groupId: 'g', handler: async (bar) => void seen.push(bar) });
    const bar = kline('BTCUSDT', 1);
    await bus.publish(topic, bar);
    await bus.idle(5_000);
    expect(seen).toEqual([bar]);
    expect(seen[0]).toBe(bar);
    expect(Object.isFrozen(bar) && Object.isFrozen(bar.meta)).toBe(true);
    await bus.close();
  });

  it('refuses at publish a value its wire form would not reproduce, naming the field', async () => {
    const bus = new InProcessBus({ transport: 'verified-values' });
    const topic = klineTopic('market.klines.1h.v1.verified');
    await bus.ensureTopics([topic]);
    const extra = { ...kline('BTCUSDT', 1), note: 'not in the message' } as Kline;
    await expect(bus.publish(topic, extra)).rejects.toThrow(InvariantViolation);
    await expect(bus.publish(topic, extra)).rejects.toThrow(/at note/);
    const bar = kline('BTCUSDT', 2);
    const nested = { ...bar, meta: { ...bar.meta!, traceNote: 'x' } } as Kline;
    await expect(bus.publish(topic, nested)).rejects.toThrow(/at meta\.traceNote/);
    await bus.close();
  });

  it('still refuses a value that breaks the contract in the fast transport', async () => {
    const bus = new InProcessBus({ transport: 'values' });
    const topic = klineTopic('market.klines.1h.v1.invalid');
    await bus.ensureTopics([topic]);
    const bad = { ...kline('BTCUSDT', 1), close: Number.NaN };
    await expect(bus.publish(topic, bad)).rejects.toThrow(/close/);
    await bus.close();
  });

  it('writes real protobuf bytes to the DLQ for a passed value a handler refuses', async () => {
    const bus = new InProcessBus({ transport: 'values' });
    const name = 'market.klines.1h.v1.poison';
    const topic = klineTopic(name);
    await bus.ensureTopics([topic]);
    await bus.subscribe(topic, {
      groupId: 'g',
      handler: async () => {
        throw new InvalidMessageError('CONTRACT_VALIDATION_FAILED', 'refused by the test');
      },
    });
    const bar = kline('ETHUSDT', 3);
    await bus.publish(topic, bar);
    await bus.idle(5_000);
    const letters = await deadLetters(bus, name);
    expect(letters).toHaveLength(1);
    expect(letters[0]).not.toBe(bar);
    expect(TOPICS.marketKlines1h.eventId(letters[0]!)).toBe(bar.meta!.eventId);
    expect(letters[0]!.close).toBe(bar.close);
    await bus.close();
  });
});
