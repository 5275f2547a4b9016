import type { Kline } from '@cryptosignal/contracts';
import { ConfigError, InvalidMessageError, InvariantViolation, RetryableError } from '@cryptosignal/runtime';
import { createMetricsRegistry, type Registry } from '@cryptosignal/telemetry';
import { register as globalRegistry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DisposableKafkaBus } from './support/kafka-harness.js';
import { kline, klineTopic, TRUNCATED_PROTOBUF } from './support/klines.js';
import { hasSeries, metricValue } from './support/metric-values.js';
import { uniqueName, waitFor } from './support/wait-for.js';

const PROCESSED = 'cryptosignal_bus_messages_processed_total';
const HANDLER = 'cryptosignal_bus_handler_duration_seconds';
const LAG = 'cryptosignal_bus_consumer_lag_messages';
const DLQ = 'cryptosignal_bus_dlq_messages_total';
const PUBLISHED = 'cryptosignal_bus_messages_published_total';
const WAIT = { timeoutMs: 60_000, intervalMs: 50 };

let registry: Registry;
let buses: DisposableKafkaBus[];
beforeEach(() => {
  registry = createMetricsRegistry({ service: 'bus-test', defaultMetrics: false });
  buses = [];
});
afterEach(async () => {
  for (const bus of buses) await bus.close();
});

function openBus(overrides: ConstructorParameters<typeof DisposableKafkaBus>[0] = {}): DisposableKafkaBus {
  const bus = new DisposableKafkaBus({ registry, lagSampleIntervalMs: 200, ...overrides });
  buses.push(bus);
  return bus;
}

/** A gate the handler waits on: closed until `open()`. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('KafkaBus RED metrics and consumer lag', () => {
  it('counts processed, retried, dead-lettered and published messages; lag rises while behind and returns to 0', async () => {
    const bus = openBus();
    const topic = klineTopic(uniqueName('bus-metrics'));
    const group = uniqueName('metrics-group');
    await bus.ensureTopics([topic]);
    const held = gate();
    const handler = async (bar: Kline, ctx: { attempt: number }) => {
      if (bar.symbol === 'XRPUSDT') throw new InvalidMessageError('DATA_INVALID', 'poison bar');
      if (bar.symbol === 'ETHUSDT' && ctx.attempt === 1)
        throw new RetryableError('STORAGE_UNAVAILABLE', 'blip');
      await held.wait;
    };
    await bus.subscribe(topic, { groupId: group, handler, retryBackoffMs: 10, maxRetryBackoffMs: 10 });
    const labels = { topic: topic.name, group };
    await bus.publishBatch(
      topic,
      [0, 1, 2, 3, 4, 5].map((seq) => kline('BTCUSDT', seq)),
    );
    // The handler holds the first bar: nothing is committed, so the group is 6 messages behind.
    await waitFor(async () => (await metricValue(registry, LAG, labels)) === 6, {
      ...WAIT,
      describe: () => 'lag gauge never reached 6',
    });
    held.open();
    await waitFor(
      async () =>
        (await metricValue(registry, PROCESSED, { ...labels, result: 'ok' })) === 6 &&
        (await metricValue(registry, LAG, labels)) === 0,
      { ...WAIT, describe: () => '6 ok and lag 0 not reached' },
    );

    await bus.publish(topic, kline('ETHUSDT', 0));
    await bus.publish(topic, kline('XRPUSDT', 0));
    await bus.publishRaw(topic.name, [{ key: 'garbage', value: TRUNCATED_PROTOBUF, headers: {} }]);
    await waitFor(
      async () =>
        (await metricValue(registry, PROCESSED, { ...labels, result: 'ok' })) === 7 &&
        (await metricValue(registry, PROCESSED, { ...labels, result: 'dead_lettered' })) === 2,
      { ...WAIT, describe: () => '7 ok and 2 dead-lettered not reached' },
    );
    expect(await metricValue(registry, PROCESSED, { ...labels, result: 'retry' })).toBe(1);
    expect(await metricValue(registry, PROCESSED, { ...labels, result: 'error' })).toBe(0);
    expect(await metricValue(registry, DLQ, { ...labels, code: 'DATA_INVALID' })).toBe(1);
    expect(await metricValue(registry, DLQ, { ...labels, code: 'CONTRACT_DECODE_FAILED' })).toBe(1);
    expect(await metricValue(registry, `${HANDLER}_count`, labels, HANDLER)).toBe(9);
    const slowest = await metricValue(registry, `${HANDLER}_bucket`, { ...labels, le: '10' }, HANDLER);
    expect(slowest).toBe(9);
    // Typed publishes only: the raw write and the DLQ writes are not `messages_published_total`.
    expect(await metricValue(registry, PUBLISHED, { topic: topic.name, result: 'ok' })).toBe(8);
    expect(await metricValue(registry, PUBLISHED, { topic: topic.dlq })).toBe(0);

    await bus.close();
    expect(await hasSeries(registry, LAG, labels)).toBe(false);
  });

  it('counts a message that fails the subscription as error, and a refused publish as error', async () => {
    const bus = openBus();
    const topic = klineTopic(uniqueName('bus-metrics-fail'));
    const group = uniqueName('metrics-fail');
    await bus.ensureTopics([topic]);
    await bus.publish(topic, kline('BTCUSDT', 0));
    const subscription = await bus.subscribe(topic, {
      groupId: group,
      handler: async () => {
        throw new InvariantViolation('corrupt');
      },
    });
    await expect(subscription.done).rejects.toBeInstanceOf(InvariantViolation);
    const labels = { topic: topic.name, group };
    expect(await metricValue(registry, PROCESSED, { ...labels, result: 'error' })).toBe(1);
    expect(await metricValue(registry, PROCESSED, { ...labels, result: 'ok' })).toBe(0);
    expect(await metricValue(registry, `${HANDLER}_count`, labels, HANDLER)).toBe(1);

    // A second bus on the same registry reuses the instruments.
    const impatient = openBus({ retries: 1, initialRetryTimeMs: 100 });
    const missing = klineTopic(uniqueName('bus-metrics-missing'));
    await expect(impatient.publish(missing, kline('BTCUSDT', 0))).rejects.toBeInstanceOf(ConfigError);
    expect(await metricValue(registry, PUBLISHED, { topic: missing.name, result: 'error' })).toBe(1);
    expect(await metricValue(registry, PUBLISHED, { topic: topic.name, result: 'ok' })).toBe(1);
  });

  it("registers nothing without a registry (not even in prom-client's global one)", async () => {
    const bare = new DisposableKafkaBus();
    buses.push(bare);
    const topic = klineTopic(uniqueName('bus-metrics-bare'));
    await bare.ensureTopics([topic]);
    const seen: Kline[] = [];
    await bare.subscribe(topic, { groupId: uniqueName('bare'), handler: async (bar) => void seen.push(bar) });
    await bare.publish(topic, kline('BTCUSDT', 0));
    await waitFor(() => seen.length === 1, { ...WAIT, describe: () => 'bar not consumed' });
    expect(globalRegistry.getMetricsAsArray()).toEqual([]);
    expect(registry.getMetricsAsArray()).toEqual([]);
  });
});
