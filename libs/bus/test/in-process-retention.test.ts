import { InProcessBus, type InProcessBusOptions } from '@cryptosignal/bus';
import type { Kline } from '@cryptosignal/contracts';
import { describe, expect, it } from 'vitest';
import { idOf, klines, klineTopic } from './support/klines.js';

const BARS = klines(['BTCUSDT'], 12_000);

async function consumedBy(bus: InProcessBus, topicName: string, groupId: string): Promise<Kline[]> {
  const seen: Kline[] = [];
  const sub = await bus.subscribe(klineTopic(topicName), {
    groupId,
    handler: async (bar) => void seen.push(bar),
  });
  await bus.idle(20_000);
  await sub.stop();
  return seen;
}

async function busWithTopic(options: InProcessBusOptions, name: string): Promise<InProcessBus> {
  const bus = new InProcessBus({ partitionsPerTopic: 1, transport: 'values', ...options });
  await bus.ensureTopics([klineTopic(name)]);
  return bus;
}

describe('InProcessBus retention', () => {
  it('keeps every record by default: a later group reads the topic from the beginning', async () => {
    const bus = await busWithTopic({}, 't.all');
    await bus.subscribe(klineTopic('t.all'), { groupId: 'first', handler: async () => {} });
    await bus.publishBatch(klineTopic('t.all'), BARS);
    await bus.idle(20_000);
    expect(await consumedBy(bus, 't.all', 'later')).toHaveLength(BARS.length);
    await bus.close();
  });

  it('lets go of what every group committed with `unconsumed`: a later group starts at the oldest record kept', async () => {
    const bus = await busWithTopic({ retention: 'unconsumed' }, 't.released');
    await bus.subscribe(klineTopic('t.released'), { groupId: 'first', handler: async () => {} });
    await bus.publishBatch(klineTopic('t.released'), BARS);
    await bus.idle(20_000);
    const later = await consumedBy(bus, 't.released', 'later');
    expect(later.length).toBeLessThan(BARS.length);
    // What it gets is the tail of the topic, in order, offsets unchanged for the records kept.
    expect(later.map(idOf)).toEqual(BARS.slice(BARS.length - later.length).map(idOf));
    await bus.close();
  });

  it('keeps what a slower group has not committed yet', async () => {
    const bus = await busWithTopic({ retention: 'unconsumed' }, 't.slow');
    const topic = klineTopic('t.slow');
    await bus.subscribe(topic, { groupId: 'fast', handler: async () => {} });
    const slow: Kline[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await bus.subscribe(topic, {
      groupId: 'slow',
      handler: async (bar) => {
        if (slow.length === 10) await gate;
        slow.push(bar);
      },
    });
    await bus.publishBatch(topic, BARS);
    await new Promise((wake) => setTimeout(wake, 200));
    release();
    await bus.idle(20_000);
    expect(slow.map(idOf)).toEqual(BARS.map(idOf));
    await bus.close();
  });
});
