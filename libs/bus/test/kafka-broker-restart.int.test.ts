import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RetryableError } from '@cryptosignal/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { DisposableKafkaBus } from './support/kafka-harness.js';
import { idOf, kline, klines, klineTopic } from './support/klines.js';
import { missingSample, uniqueName, waitFor } from './support/wait-for.js';

const run = promisify(execFile);
const kafkaScript = fileURLToPath(new URL('../../../infra/scripts/kafka.sh', import.meta.url));
const kafka = (action: 'stop' | 'start'): Promise<unknown> =>
  run('bash', [kafkaScript, action], { timeout: 150_000 });

/**
 * Stops and restarts the shared local broker, so it runs only when asked (`CS_FAULT_TESTS=1`): other
 * integration suites running at the same time against the same broker would fail meanwhile.
 */
describe.runIf(process.env.CS_FAULT_TESTS === '1')('KafkaBus across a broker restart', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await kafka('start');
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('fails fast publishes as BROKER_UNAVAILABLE, retries patient ones, and the consumer resumes', {
    timeout: 300_000,
  }, async () => {
    const bus = new DisposableKafkaBus();
    cleanups.push(() => bus.close());
    const impatient = new DisposableKafkaBus({
      retries: 1,
      initialRetryTimeMs: 100,
      connectionTimeoutMs: 1_000,
    });
    cleanups.push(() => impatient.close());
    const topic = klineTopic(uniqueName('bus-restart'));
    await bus.ensureTopics([topic]);
    const events = klines(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], 200);
    const before = events.slice(0, 300);
    const after = events.slice(300);
    await bus.publishBatch(topic, before);
    await impatient.publish(topic, before[0]!);

    const effects = new Set<string>();
    let deliveries = 0;
    const sub = await bus.subscribe(topic, {
      groupId: uniqueName('bus-restart-group'),
      handler: async (_bar, ctx) => {
        deliveries += 1;
        effects.add(ctx.eventId);
      },
    });
    const ids = events.map(idOf);
    const describeState = () =>
      `effects=${effects.size} deliveries=${deliveries} missing=${missingSample(ids, effects)}`;
    await waitFor(() => effects.size >= before.length, { timeoutMs: 60_000, describe: describeState });

    await kafka('stop');
    const refused = await impatient.publish(topic, kline('BTCUSDT', 999)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RetryableError);
    expect((refused as RetryableError).code).toBe('BROKER_UNAVAILABLE');
    const patient = bus.publishBatch(topic, after);
    await kafka('start');
    await patient;

    await waitFor(() => effects.size >= events.length, { timeoutMs: 120_000, describe: describeState });
    await sub.stop();
    expect([...effects].sort()).toEqual([...ids].sort());
    console.log(`broker restart: ${effects.size} effects from ${deliveries} deliveries`);
  });
});
