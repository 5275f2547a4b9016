import { InProcessBus } from '@cryptosignal/bus';
import type { Kline } from '@cryptosignal/contracts';
import { describe, expect, it } from 'vitest';
import { klines, klineTopic } from './support/klines.js';

describe('InProcessBus shared decoding', () => {
  it('hands every group of a topic the same frozen value of a record, decoded once', async () => {
    const bus = new InProcessBus({ partitionsPerTopic: 3 });
    const topic = klineTopic('market.klines.1h.v1.shared');
    await bus.ensureTopics([topic]);
    const seen: Record<'a' | 'b', Kline[]> = { a: [], b: [] };
    for (const group of ['a', 'b'] as const)
      await bus.subscribe(topic, { groupId: group, handler: async (bar) => void seen[group].push(bar) });
    const sent = klines(['BTCUSDT', 'ETHUSDT'], 20);
    await bus.publishBatch(topic, sent);
    await bus.idle(5_000);
    expect(seen.a).toHaveLength(40);
    const byId = (bars: Kline[]) => new Map(bars.map((bar) => [bar.meta!.eventId, bar]));
    const b = byId(seen.b);
    for (const bar of seen.a) {
      expect(b.get(bar.meta!.eventId)).toBe(bar);
      expect(Object.isFrozen(bar) && Object.isFrozen(bar.meta)).toBe(true);
    }
    expect(new Set(seen.a.map((bar) => bar.meta!.eventId))).toEqual(
      new Set(sent.map((bar) => bar.meta!.eventId)),
    );
    expect(() => {
      (seen.a[0] as { symbol: string }).symbol = 'X';
    }).toThrow(TypeError);
    await bus.close();
  });
});
