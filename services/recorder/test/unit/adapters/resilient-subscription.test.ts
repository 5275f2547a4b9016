import type { EventBus, SubscribeOptions, Subscription } from '@cryptosignal/bus';
import { TOPICS } from '@cryptosignal/contracts';
import { InvariantViolation, RetryableError } from '@cryptosignal/runtime';
import { createLogger } from '@cryptosignal/telemetry';
import { waitFor } from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';
import { ResilientSubscription } from '../../../src/adapters/resilient-subscription.js';

/** A subscription whose end the test decides. */
class FakeSubscription implements Subscription {
  stopped = false;
  fail!: (error: unknown) => void;
  private end!: () => void;
  readonly done = new Promise<void>((resolve, reject) => {
    this.end = resolve;
    this.fail = reject;
  });
  async stop(): Promise<void> {
    this.stopped = true;
    this.end();
  }
}

/** A bus whose subscribe hands out FakeSubscriptions. */
class FakeBus {
  readonly subscriptions: FakeSubscription[] = [];
  async subscribe(_topic: unknown, _options: SubscribeOptions<unknown>): Promise<Subscription> {
    const s = new FakeSubscription();
    this.subscriptions.push(s);
    return s;
  }
}

function resilient(bus: FakeBus, fatal: unknown[]) {
  return new ResilientSubscription({
    bus: bus as unknown as EventBus,
    topic: TOPICS.tradesClosed,
    groupId: 'recorder.trades',
    handler: async () => undefined,
    logger: createLogger({ service: 'recorder', level: 'silent' }),
    onFatal: (error) => fatal.push(error),
    baseDelayMs: 1,
    maxDelayMs: 2,
  });
}

describe('ResilientSubscription', () => {
  it('subscribes again after the bus gives up with a retryable error', async () => {
    const bus = new FakeBus();
    const fatal: unknown[] = [];
    const sub = resilient(bus, fatal);
    await sub.start();
    bus.subscriptions[0]!.fail(new RetryableError('BROKER_UNAVAILABLE', 'coordinator not found'));
    await waitFor(() => bus.subscriptions.length === 2 && sub.joined, {
      timeoutMs: 2_000,
      describe: 'resubscribed',
    });
    await sub.stop();
    expect(bus.subscriptions[1]!.stopped).toBe(true);
    expect(fatal).toEqual([]);
  });

  it('reports any other failure as fatal and does not subscribe again', async () => {
    const bus = new FakeBus();
    const fatal: unknown[] = [];
    const sub = resilient(bus, fatal);
    await sub.start();
    const corrupt = new InvariantViolation('corrupt');
    bus.subscriptions[0]!.fail(corrupt);
    await waitFor(() => fatal.length === 1, { timeoutMs: 2_000, describe: 'fatal reported' });
    expect(fatal).toEqual([corrupt]);
    expect(sub.joined).toBe(false);
    expect(bus.subscriptions).toHaveLength(1);
  });
});
