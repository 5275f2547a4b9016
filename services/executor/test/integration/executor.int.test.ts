import { KafkaBus, type Subscription } from '@cryptosignal/bus';
import {
  type ExecutionReported,
  ExecutionStatus,
  ExitReason,
  type TopicSpec,
  type TradeClosed,
} from '@cryptosignal/contracts';
import type { RunningService } from '@cryptosignal/host';
import { SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { testInfra, uniqueName, waitFor, withPgSchema } from '@cryptosignal/testing';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  EXECUTOR_MIGRATIONS,
  type ExecutorTopics,
  executorSettings,
  prefixedExecutorTopics,
  startExecutor,
} from '../../src/index.js';
import { hourBar, type Ohlc, rejection, signal } from '../support/messages.js';
import { KafkaProbe } from './support/kafka-offsets.js';

const infra = testInfra();
const FLAT: Ohlc = [100, 100.5, 99.5, 100];

/** Publishes the scenario: a signal (twice), a rejected signal and the bars that fill and close both. */
async function publishScenario(bus: KafkaBus, topics: ExecutorTopics): Promise<void> {
  const published = signal({ id: 'int-long', hour: 1, tp: 0.02, sl: 0.02 });
  await bus.publishBatch(topics.signalsPublished, [published, published]);
  await bus.publish(
    topics.signalsRejected,
    rejection({ id: 'int-shadow', hour: 1, side: 'short' }, 'gate4_cost', 'EV_NOT_POSITIVE'),
  );
  await bus.publishBatch(topics.marketKlines1h, [
    hourBar(0, FLAT),
    hourBar(1, FLAT),
    hourBar(2, [100, 102.5, 97.5, 101]),
  ]);
}

describe('executor on Kafka and PostgreSQL', () => {
  it('signals and bars in → ExecutionReported and TradeClosed out, exactly once, across a restart', async () => {
    await withPgSchema(infra.databaseUrl, async (schema) => {
      const name = uniqueName('executor');
      const topics = prefixedExecutorTopics(`${name}.`);
      const all = Object.values(topics) as TopicSpec<unknown>[];
      const store = new PgStore({ connectionString: infra.databaseUrl, schema, poolSize: 4 });
      const bus = new KafkaBus({
        serviceName: name,
        brokers: infra.kafkaBrokers,
        logLevel: kafkajs.logLevel.ERROR,
      });
      const probe = await KafkaProbe.connect(infra.kafkaBrokers);
      const subscriptions: Subscription[] = [];
      let service: RunningService | undefined;
      try {
        await runMigrations(store, { owner: 'executor', migrations: EXECUTOR_MIGRATIONS });
        await bus.ensureTopics(all);
        const executions: ExecutionReported[] = [];
        const closes: TradeClosed[] = [];
        const probeGroup = `${name}.probe`;
        subscriptions.push(
          await bus.subscribe(topics.executionsReported, {
            groupId: probeGroup,
            handler: async (v) => void executions.push(v),
          }),
          await bus.subscribe(topics.tradesClosed, {
            groupId: `${probeGroup}.closes`,
            handler: async (v) => void closes.push(v),
          }),
        );
        const ctx = {
          bus,
          store,
          clock: new SystemClock(),
          logger: createLogger({ service: 'executor', level: 'silent' }),
          metrics: createMetricsRegistry({ service: 'executor', defaultMetrics: false }),
        };
        const settings = executorSettings({ groupId: name });
        service = await startExecutor(ctx, settings, { topics });
        await publishScenario(bus, topics);
        await waitFor(() => closes.length >= 2, { timeoutMs: 60_000, describe: 'two closed trades' });

        // A restart, then the signal delivered once more: the executor remembers it in executor_positions.
        await service.stop();
        service = await startExecutor(ctx, settings, { topics });
        await bus.publish(topics.signalsPublished, signal({ id: 'int-long', hour: 1, tp: 0.02, sl: 0.02 }));
        const drained = async () =>
          (await probe.caughtUp(`${name}.${topics.signalsPublished.name}`, topics.signalsPublished.name)) &&
          (await probe.caughtUp(probeGroup, topics.executionsReported.name)) &&
          (await probe.caughtUp(`${probeGroup}.closes`, topics.tradesClosed.name));
        await waitFor(drained, { timeoutMs: 60_000, describe: 'executor and probe caught up' });

        expect(executions.map((e) => [e.signalId, e.status, e.shadow]).sort()).toEqual([
          ['int-long', ExecutionStatus.EXECUTION_STATUS_FILLED, false],
          ['int-shadow', ExecutionStatus.EXECUTION_STATUS_FILLED, true],
        ]);
        expect(closes.map((c) => [c.signalId, c.exitReason, c.gateReason]).sort()).toEqual([
          ['int-long', ExitReason.EXIT_REASON_SL, undefined],
          ['int-shadow', ExitReason.EXIT_REASON_SL, 'EV_NOT_POSITIVE'],
        ]);
        const { rows } = await store.query<{ signal_id: string; status: string }>(
          'SELECT signal_id, status FROM executor_positions ORDER BY signal_id',
        );
        expect(rows).toEqual([
          { signal_id: 'int-long', status: 'closed' },
          { signal_id: 'int-shadow', status: 'closed' },
        ]);
      } finally {
        await service?.stop();
        await Promise.allSettled(subscriptions.map((s) => s.stop()));
        await bus.close();
        await store.close();
        await probe.deleteAndClose(all.flatMap((t) => [t.name, t.dlq]));
      }
    });
  });
});
