import { BusHeader, deadLetterTopic, KafkaBus } from '@cryptosignal/bus';
import { TOPICS } from '@cryptosignal/contracts';
import { WallTimeScheduler } from '@cryptosignal/host';
import { SystemClock } from '@cryptosignal/runtime';
import { runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { testInfra, waitFor } from '@cryptosignal/testing';
import { logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder } from '../../src/app.js';
import { DEFAULT_RECORDER_CONFIG } from '../../src/config.js';
import { RECORDER_MIGRATIONS } from '../../src/definition.js';
import { tradeChain } from '../support/trade-events.js';
import { RecorderFixture, TEST_PARTITIONS } from './support/recorder-fixture.js';

let fixture: RecorderFixture;
let bus: KafkaBus;
let stopRecorder: () => Promise<void>;
const metrics = createMetricsRegistry({ service: 'recorder', defaultMetrics: false });

const signalRows = async (signalId: string) => {
  const { rows } = await fixture.store.query<{ executions: number; results: number; signals: number }>(
    `SELECT (SELECT count(*) FROM signal_snapshots WHERE signal_id = $1)::int8 AS signals,
       (SELECT count(*) FROM execution_records WHERE signal_id = $1)::int8 AS executions,
       (SELECT count(*) FROM trade_results WHERE signal_id = $1)::int8 AS results`,
    [signalId],
  );
  return rows[0];
};

// One recorder in this process (KafkaBus + PgStore on the fixture's schema) for every case of the file.
beforeAll(async () => {
  fixture = await RecorderFixture.create(TOPICS);
  await runMigrations(fixture.store, { owner: 'recorder', migrations: RECORDER_MIGRATIONS });
  bus = new KafkaBus({
    serviceName: 'recorder',
    brokers: testInfra().kafkaBrokers,
    partitionsPerTopic: TEST_PARTITIONS,
    logLevel: logLevel.NOTHING,
  });
  const clock = new SystemClock();
  const running = await startRecorder(
    {
      bus,
      store: fixture.store,
      clock,
      scheduler: new WallTimeScheduler(clock, () => undefined),
      logger: createLogger({ service: 'recorder', level: 'silent' }),
      metrics,
    },
    {
      ...DEFAULT_RECORDER_CONFIG,
      topicPrefix: fixture.topicPrefix,
      groupId: fixture.groupId,
      pendingSweepMs: 1_000,
    },
  );
  stopRecorder = () => running.stop();
}, 120_000);
afterAll(async () => {
  await stopRecorder?.();
  await bus?.close();
  await fixture?.close();
});

describe('recorder event handling (Kafka + PostgreSQL)', () => {
  it('keeps a result that arrives before its signal, then files it when the signal arrives', async () => {
    const c = tradeChain(1, { run: 'early' });
    await fixture.bus.publish(fixture.topics.tradesClosed, c.result);
    await fixture.bus.publish(fixture.topics.executionsReported, c.execution);
    await waitFor(async () => (await fixture.counts()).pending === 2, {
      timeoutMs: 30_000,
      describe: '2 pending',
    });
    expect(await signalRows(c.signalId)).toEqual({ signals: 0, executions: 0, results: 0 });
    await fixture.bus.publish(fixture.topics.signalsPublished, c.published!);
    await waitFor(async () => (await signalRows(c.signalId))?.results === 1, {
      timeoutMs: 30_000,
      describe: 'filed',
    });
    expect(await signalRows(c.signalId)).toEqual({ signals: 1, executions: 1, results: 1 });
    expect((await fixture.counts()).pending).toBe(0);
  });

  it('sends a poison event and an inconsistent result to the DLQ with the reason, and carries on', async () => {
    const topics = fixture.topics;
    const deadLetters: { topic: string; reason: string }[] = [];
    // One group per DLQ topic: kafkajs' round-robin assigner spreads every subscribed topic over all members of
    // a group, so members of one group reading different topics would be handed partitions they never consume.
    const dlqSubscriptions = await Promise.all(
      [topics.executionsReported, topics.tradesClosed].map((topic) =>
        fixture.bus.subscribe(deadLetterTopic(topic), {
          groupId: `${fixture.groupId}.dlq-reader.${topic.name}`,
          handler: async (_value, ctx) => {
            deadLetters.push({ topic: topic.name, reason: ctx.headers[BusHeader.dlqReason] ?? '' });
          },
        }),
      ),
    );
    const c = tradeChain(2, { run: 'poison' });
    const inconsistent = { ...c.result, pnlPct: -0.02, pnlUsdt: -20 };
    const garbage = new TextEncoder().encode('not a protobuf message');
    await fixture.bus.publishRaw(topics.executionsReported.name, [
      { key: c.signalId, value: garbage, headers: {} },
    ]);
    await fixture.bus.publish(topics.tradesClosed, inconsistent);
    await fixture.bus.publish(topics.signalsPublished, c.published!);
    await fixture.bus.publish(topics.executionsReported, c.execution);
    await waitFor(() => deadLetters.length >= 2, { timeoutMs: 60_000, describe: '2 dead letters' });
    await waitFor(async () => (await signalRows(c.signalId))?.executions === 1, {
      timeoutMs: 30_000,
      describe: 'carried on',
    });
    await Promise.all(dlqSubscriptions.map((s) => s.stop()));
    expect(deadLetters).toEqual(
      expect.arrayContaining([
        { topic: topics.executionsReported.name, reason: expect.stringMatching(/undecodable/) },
        {
          topic: topics.tradesClosed.name,
          reason: expect.stringMatching(/inconsistent trade result: outcome win/),
        },
      ]),
    );
    expect(await signalRows(c.signalId)).toEqual({ signals: 1, executions: 1, results: 0 });
    const counted = (await metrics.getSingleMetricAsString('cryptosignal_recorder_dead_letters_total')).split(
      '\n',
    );
    expect(counted).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/event="execution",code="CONTRACT_DECODE_FAILED".* 1$/),
        expect.stringMatching(/event="result",code="DATA_INVALID".* 1$/),
      ]),
    );
  });

  it('counts the same fill event delivered twice once', async () => {
    const handledExecutions = async () =>
      (await metrics.getSingleMetric('cryptosignal_recorder_events_total')?.get())?.values
        .filter((v) => v.labels.event === 'execution')
        .reduce((sum, v) => sum + v.value, 0) ?? 0;
    const before = await handledExecutions();
    const c = tradeChain(3, { run: 'twice' });
    await fixture.bus.publish(fixture.topics.signalsPublished, c.published!);
    await fixture.bus.publish(fixture.topics.executionsReported, c.execution);
    await fixture.bus.publish(fixture.topics.executionsReported, c.execution);
    await fixture.bus.publish(fixture.topics.tradesClosed, c.result);
    await waitFor(async () => (await handledExecutions()) === before + 2, {
      timeoutMs: 30_000,
      describe: 'both deliveries handled',
    });
    await waitFor(
      async () => (await signalRows(c.signalId))?.results === 1 && (await fixture.counts()).pending === 0,
      {
        timeoutMs: 30_000,
        describe: 'recorded, nothing pending',
      },
    );
    expect(await signalRows(c.signalId)).toEqual({ signals: 1, executions: 1, results: 1 });
  });
});
