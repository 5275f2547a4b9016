import { CostSource, ExecutionStatus, renameTopic, TOPICS } from '@cryptosignal/contracts';
import { HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { executionEventId, tradeClosedEventId } from '../../../src/index.js';
import { type Harness, startHarness } from '../../support/harness.js';
import { depth, hourBar, kline, type Ohlc, signal, T0 } from '../../support/messages.js';

const FLAT: Ohlc = [100, 100.5, 99.5, 100];
const harnesses: Harness[] = [];

async function harness(...args: Parameters<typeof startHarness>): Promise<Harness> {
  const h = await startHarness(...args);
  harnesses.push(h);
  return h;
}

afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.stop();
    await h.bus.close();
  }
});

const bars = (from: number, to: number, ohlcAt: (h: number) => Ohlc = () => FLAT) =>
  Array.from({ length: to - from }, (_, i) => hourBar(from + i, ohlcAt(from + i)));
const path = (h: number): Ohlc => (h === 4 ? [100, 103.5, 99.5, 103] : FLAT);

describe('executor desk', () => {
  it('a signal handled after its entry bar reports exactly what it reports when handled before', async () => {
    const early = await harness();
    await early.send('signalsPublished', signal({ id: 'order', hour: 2 }));
    await early.send('marketKlines1h', ...bars(0, 6, path));
    const late = await harness();
    await late.send('marketKlines1h', ...bars(0, 3, path));
    await late.send('signalsPublished', signal({ id: 'order', hour: 2 }));
    await late.send('marketKlines1h', ...bars(3, 6, path));
    expect(early.executions).toHaveLength(1);
    expect(early.closes).toHaveLength(1);
    expect(late.executions).toEqual(early.executions);
    expect(late.closes).toEqual(early.closes);
  });

  it('a signal whose hour is older than the kept history is reported expired', async () => {
    const h = await harness({ historyHours: 2 });
    await h.send('marketKlines1h', ...bars(0, 6));
    await h.send('signalsPublished', signal({ id: 'stale', hour: 2 }));
    expect(h.executions.map((e) => e.status)).toEqual([ExecutionStatus.EXECUTION_STATUS_EXPIRED]);
    expect(h.executions[0]!.meta?.tsEventMs).toBe(T0 + 3 * HOUR_MS - 1);
  });

  it('walks a recent depth snapshot for the order size, and falls back to the defaults when it is old', async () => {
    const h = await harness();
    const bids = [
      [99.99, 3],
      [99.95, 50],
    ] as const;
    const asks = [
      [100.01, 3],
      [100.05, 50],
    ] as const;
    await h.send('marketDepth', depth(T0 + 50 * MINUTE_MS, bids, asks));
    await h.send('signalsPublished', signal({ id: 'walked', hour: 1 }), signal({ id: 'old-book', hour: 3 }));
    await h.send('marketKlines1h', ...bars(0, 4));
    const [walked, old] = h.executions;
    expect(walked?.costSource).toBe(CostSource.COST_SOURCE_DEPTH_BOOK_WALK);
    expect(walked?.costBreakdown?.spreadBps).toBeCloseTo(1, 9);
    // 1,000 USDT: 300.03 at the touch, 699.97 one level deeper (4 bps above the touch, in bps of mid).
    const avg = 1_000 / (300.03 / 100.01 + 699.97 / 100.05);
    expect(walked!.costBreakdown!.spreadBps + walked!.costBreakdown!.slippageBps).toBeCloseTo(
      ((avg - 100) / 100) * 10_000,
      9,
    );
    expect(walked?.costBreakdown?.feeBps).toBe(5);
    expect(old?.costSource).toBe(CostSource.COST_SOURCE_CONFIG_DEFAULT);
  });

  it('chains the reports to the signal: correlation = signal id, causation = signal event → execution', async () => {
    const h = await harness();
    const sent = signal({ id: 'chain', hour: 1, tp: 0.01 });
    h.clock.set(T0 + 5 * HOUR_MS);
    await h.send('signalsPublished', sent);
    await h.send('marketKlines1h', ...bars(1, 3, (n) => (n === 2 ? [100, 101.5, 99.5, 101] : FLAT)));
    const [execution] = h.executions;
    const [close] = h.closes;
    expect(execution?.meta).toMatchObject({
      eventId: executionEventId('chain'),
      correlationId: 'chain',
      causationId: sent.meta?.eventId,
      tsEventMs: T0 + HOUR_MS,
      tsInitMs: T0 + 5 * HOUR_MS,
    });
    expect(close?.meta).toMatchObject({
      eventId: tradeClosedEventId('chain'),
      correlationId: 'chain',
      causationId: executionEventId('chain'),
      tsEventMs: close?.exitTimeMs,
    });
  });

  it('sends a bar that breaks OHLC consistency to the DLQ and carries on', async () => {
    const h = await harness();
    const dead: unknown[] = [];
    const dlq = renameTopic(TOPICS.marketKlines1h, TOPICS.marketKlines1h.dlq);
    await h.bus.subscribe(dlq, { groupId: 'dlq-probe', handler: async (v) => void dead.push(v) });
    await h.send('signalsPublished', signal({ id: 'after-poison', hour: 1 }));
    await h.send('marketKlines1h', kline('1h', T0 + HOUR_MS, [100, 99, 101, 100]));
    await h.send('marketKlines1h', hourBar(1, FLAT));
    expect(dead).toHaveLength(1);
    expect(h.executions).toHaveLength(1);
  });

  it('counts executions, closed trades and positions followed in its metrics', async () => {
    const h = await harness();
    await h.send('signalsPublished', signal({ id: 'm1', hour: 1, tp: 0.01 }), signal({ id: 'm2', hour: 1 }));
    await h.send('marketKlines1h', ...bars(1, 3, (n) => (n === 2 ? [100, 101.5, 99.5, 101] : FLAT)));
    const value = async (name: string, labels: Record<string, string>) => {
      const metric = await h.metrics.getSingleMetric(name)?.get();
      const match = (l: Record<string, unknown>) => Object.entries(labels).every(([k, v]) => l[k] === v);
      return metric?.values.find((v) => match(v.labels))?.value;
    };
    expect(await value('cryptosignal_executor_executions_total', { status: 'filled', shadow: 'false' })).toBe(
      2,
    );
    expect(
      await value('cryptosignal_executor_trades_closed_total', {
        outcome: 'win',
        exit_reason: 'tp',
        shadow: 'false',
      }),
    ).toBe(1);
    expect(await value('cryptosignal_executor_open_positions', { shadow: 'false' })).toBe(1);
    expect(await value('cryptosignal_executor_fill_cost_bps', { component: 'fee', le: '+Inf' })).toBe(3);
  });
});
