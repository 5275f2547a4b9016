import { TOPICS } from '@cryptosignal/contracts';
import { waitFor } from '@cryptosignal/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type TradeChain, tradeChain } from '../support/trade-events.js';
import { restartInfra } from './support/infra-scripts.js';
import { exactlyOnce, RecorderFixture } from './support/recorder-fixture.js';
import { assertRecorderBuilt, RecorderProcess } from './support/recorder-process.js';

const SIGNALS = 3_000;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Streams 9,000 events into a recorder child process: publishes two thirds, restarts `component` once a third is
 * recorded (the recorder is consuming meanwhile), publishes the rest once it is back, and checks that every event is then recorded exactly once by the
 * same process, which never exited.
 */
async function survivesRestart(component: 'kafka' | 'postgres', run: string): Promise<void> {
  assertRecorderBuilt();
  const fixture = await RecorderFixture.create(TOPICS);
  cleanups.push(() => fixture.close());
  const chains: TradeChain[] = Array.from({ length: SIGNALS }, (_, i) =>
    tradeChain(i, { run, rejected: i % 7 === 6 }),
  );
  const startedMs = Date.now();
  const recorder = await RecorderProcess.start(fixture.env());
  cleanups.push(() => recorder.stop());
  await fixture.publish(chains.slice(0, (2 * SIGNALS) / 3), 500);
  const total = async () => {
    const c = await fixture.counts();
    return c.signals + c.executions + c.results;
  };
  await waitFor(async () => (await total()) >= SIGNALS, { timeoutMs: 60_000, describe: `${SIGNALS} rows` });
  const rowsAtRestart = await total();
  const restartMs = await restartInfra(component);
  await fixture.publish(chains.slice((2 * SIGNALS) / 3), 500);
  let last: unknown;
  await waitFor(
    async () => {
      const c = await fixture.counts();
      last = c;
      return c.signals === SIGNALS && c.executions === SIGNALS && c.results === SIGNALS && c.pending === 0;
    },
    { timeoutMs: 120_000, intervalMs: 250, describe: `all ${3 * SIGNALS} events recorded` },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\ncounts ${JSON.stringify(last)}\n${recorder.output().slice(-6_000)}`);
  });
  expect(await exactlyOnce(fixture.store, chains)).toEqual({
    expected: 3 * SIGNALS,
    recorded: 3 * SIGNALS,
    wrong: [],
    wrongCount: 0,
  });
  expect(recorder.alive()).toBe(true);
  expect(await recorder.stop()).toBe(0);
  const elapsedS = ((Date.now() - startedMs) / 1_000).toFixed(1);
  console.log(
    `${component} restart (${restartMs} ms) at ${rowsAtRestart} of ${3 * SIGNALS} rows: all recorded exactly once in ${elapsedS} s`,
  );
}

describe('recorder across infrastructure restarts', () => {
  it('keeps consuming after the Kafka broker restarts mid-stream', { timeout: 240_000 }, async () => {
    await survivesRestart('kafka', 'kafka-restart');
  });

  it('waits for PostgreSQL to come back after a restart mid-stream and retries', {
    timeout: 240_000,
  }, async () => {
    await survivesRestart('postgres', 'pg-restart');
  });
});
