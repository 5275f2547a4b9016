import { InProcessBus, type Subscription } from '@cryptosignal/bus';
import type { Kline } from '@cryptosignal/contracts';
import { ConfigError, RetryableError } from '@cryptosignal/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { idOf, kline, klines, klineTopic } from './support/klines.js';

const topic = klineTopic('market.klines.1h.v1.test');

describe('InProcessBus', () => {
  const buses: InProcessBus[] = [];
  const open = (partitionsPerTopic = 3): InProcessBus => {
    const bus = new InProcessBus({ partitionsPerTopic });
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.close();
  });

  it('refuses topics that were never ensured (no auto-creation) and a bad partition count', async () => {
    const bus = open();
    await expect(bus.publish(topic, kline('BTCUSDT', 0))).rejects.toBeInstanceOf(ConfigError);
    await expect(bus.subscribe(topic, { groupId: 'g', handler: async () => {} })).rejects.toBeInstanceOf(
      ConfigError,
    );
    expect(() => new InProcessBus({ partitionsPerTopic: 0 })).toThrow(ConfigError);
  });

  it('idle() waits for consumers, including events their handlers publish meanwhile', async () => {
    const bus = open();
    const echoes = klineTopic('echo.v1');
    await bus.ensureTopics([topic, echoes]);
    const echoed: string[] = [];
    await bus.subscribe(topic, {
      groupId: 'relay',
      handler: async (bar: Kline) => bus.publish(echoes, { ...bar, symbol: `${bar.symbol}.ECHO` }),
    });
    await bus.subscribe(echoes, { groupId: 'sink', handler: async (bar) => void echoed.push(bar.symbol) });
    await bus.publishBatch(topic, klines(['BTCUSDT', 'ETHUSDT'], 50));
    await bus.idle(5_000);
    expect(echoed).toHaveLength(100);
  });

  it('idle() rejects with DEADLINE_EXCEEDED and the lag when a consumer cannot catch up in time', async () => {
    const bus = open(1);
    await bus.ensureTopics([topic]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    await bus.subscribe(topic, { groupId: 'stuck', handler: () => gate });
    await bus.publish(topic, kline('BTCUSDT', 0));
    const error = await bus.idle(30).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).code).toBe('DEADLINE_EXCEEDED');
    expect((error as Error).message).toContain('stuck@market.klines.1h.v1.test: 1');
    release();
    await bus.idle(1_000);
  });

  it('shares partitions among the members of a group and moves them when a member leaves', async () => {
    const bus = open(4);
    await bus.ensureTopics([topic]);
    const byMember: Record<string, Set<number>> = { a: new Set(), b: new Set() };
    const handled = new Set<string>();
    const join = (name: 'a' | 'b'): Promise<Subscription> =>
      bus.subscribe(topic, {
        groupId: 'shared',
        handler: async (_bar, ctx) => {
          byMember[name]!.add(ctx.partition);
          handled.add(ctx.eventId);
        },
      });
    const a = await join('a');
    await join('b');
    const symbols = [
      'BTCUSDT',
      'ETHUSDT',
      'SOLUSDT',
      'BNBUSDT',
      'XRPUSDT',
      'ADAUSDT',
      'DOGEUSDT',
      'LINKUSDT',
    ];
    await bus.publishBatch(topic, klines(symbols, 10));
    await bus.idle(5_000);
    expect(byMember.a!.size).toBeGreaterThan(0);
    expect(byMember.b!.size).toBeGreaterThan(0);
    expect([...byMember.a!].some((p) => byMember.b!.has(p))).toBe(false);
    await a.stop();
    const more = klines(symbols, 12).slice(80);
    await bus.publishBatch(topic, more);
    await bus.idle(5_000);
    expect(handled.size).toBe(96);
    expect(more.every((bar) => handled.has(idOf(bar)))).toBe(true);
  });

  it('starts a new group at the log end when fromBeginning is false', async () => {
    const bus = open();
    await bus.ensureTopics([topic]);
    await bus.publish(topic, kline('BTCUSDT', 0));
    const seen: string[] = [];
    await bus.subscribe(topic, {
      groupId: 'late',
      fromBeginning: false,
      handler: async (_b, c) => void seen.push(c.eventId),
    });
    await bus.publish(topic, kline('BTCUSDT', 1));
    await bus.idle(1_000);
    expect(seen).toEqual([idOf(kline('BTCUSDT', 1))]);
  });

  it('refuses publishes after close', async () => {
    const bus = open();
    await bus.ensureTopics([topic]);
    await bus.close();
    await expect(bus.publish(topic, kline('BTCUSDT', 0))).rejects.toBeInstanceOf(RetryableError);
  });
});
