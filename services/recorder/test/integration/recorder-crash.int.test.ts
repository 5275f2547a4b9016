import { TOPICS } from '@cryptosignal/contracts';
import { waitFor } from '@cryptosignal/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { tradeChain } from '../support/trade-events.js';
import { exactlyOnce, RecorderFixture } from './support/recorder-fixture.js';
import { assertRecorderBuilt, RecorderProcess } from './support/recorder-process.js';

/** 16,667 signals, each with its execution and result: 50,001 events. */
const SIGNALS = 16_667;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('recorder killed with SIGKILL mid-stream', () => {
  it('records each of 50,000 events exactly once after a restart', { timeout: 170_000 }, async () => {
    assertRecorderBuilt();
    const fixture = await RecorderFixture.create(TOPICS);
    cleanups.push(() => fixture.close());
    const chains = Array.from({ length: SIGNALS }, (_, i) =>
      tradeChain(i, { run: 'crash', rejected: i % 10 === 9 }),
    );
    const startedMs = Date.now();
    let recorder = await RecorderProcess.start(fixture.env());
    cleanups.push(() => recorder.stop());
    const publishing = fixture.publish(chains);
    const total = async () => {
      const c = await fixture.counts();
      return c.signals + c.executions + c.results;
    };
    await waitFor(async () => (await total()) >= 12_000, {
      timeoutMs: 90_000,
      intervalMs: 100,
      describe: '12,000 rows',
    });
    await recorder.kill9();
    const rowsAtKill = await total();
    recorder = await RecorderProcess.start(fixture.env());
    await publishing;
    let last: unknown;
    const done = await waitFor(
      async () => {
        const c = await fixture.counts();
        last = c;
        const complete = c.signals === SIGNALS && c.executions === SIGNALS && c.results === SIGNALS;
        return complete && c.pending === 0 ? c : undefined;
      },
      {
        timeoutMs: 120_000,
        intervalMs: 250,
        describe: `${SIGNALS} signals, executions and results, none pending`,
      },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\ncounts ${JSON.stringify(last)}\n${recorder.output().slice(-4_000)}`);
    });
    const elapsedS = (Date.now() - startedMs) / 1_000;
    const check = await exactlyOnce(fixture.store, chains);
    expect(check).toEqual({ expected: 3 * SIGNALS, recorded: 3 * SIGNALS, wrong: [], wrongCount: 0 });
    expect(done.pending).toBe(0);
    expect(await recorder.stop()).toBe(0);
    console.log(
      `recorder kill -9: ${3 * SIGNALS} events, killed at ${rowsAtKill} rows, all recorded exactly once in ${elapsedS.toFixed(1)} s`,
    );
  });
});
