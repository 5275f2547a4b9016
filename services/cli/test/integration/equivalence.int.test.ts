import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TradeRecords } from '@cryptosignal/records';
import type { SqlClient } from '@cryptosignal/store';
import { PgStore } from '@cryptosignal/store';
import { testInfra, uniqueName, waitFor, withPgSchema } from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { runEmbeddedReplay } from '../../src/embedded/run-backtest.js';
import { buildReport } from '../../src/report/build-report.js';
import { consumerLag } from './consumer-lag.js';
import { startDistributedFlow } from './distributed-flow.js';

const DATA_DIR = resolve('data/market');
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const FROM_MS = Date.UTC(2024, 2, 1);
const TO_MS = Date.UTC(2024, 2, 11);
/** How long the recorder's tables must not change (with every consumer caught up) before the run is done. */
const STABLE_MS = 8_000;

/** Signal ids (published and rejected, every strategy version) and each closed trade's outcome, sorted. */
async function snapshot(store: SqlClient) {
  const records = new TradeRecords(store);
  const signals = (await records.signals({})).map((s) => s.signalId).sort();
  const outcomes = (await records.closedTrades({}))
    .map((t) => `${t.signal.signalId} ${t.result.outcome} ${t.result.exitReason}`)
    .sort();
  return { signals, outcomes };
}

describe('distributed flow against the embedded run on the same slice', () => {
  // One retry, for a known race not fixed yet. Its likely cause: the executor seals an hour when the next hour's
  // data of the symbol arrives (HourTape: forced sealing), so the trade closures of hour h reach the pipeline's
  // trades.closed group while the pipeline decides on hour h + 1's bars, in another group. The embedded bus
  // orders the two the same way every time; over Kafka the order can differ, and a position still counted open
  // changes a decision (seen twice: 150 vs 152 signal ids). The lockstep barrier cannot order
  // two groups of one phase. A second failure in a row still fails the suite.
  it('records the same signal ids and outcomes, and report --db rebuilds the report', {
    retry: 1,
    timeout: 240_000,
  }, async () => {
    const { infra: embedded } = await runEmbeddedReplay({
      dataDir: DATA_DIR,
      fromMs: FROM_MS,
      toMs: TO_MS,
      symbols: SYMBOLS,
      busTransport: 'verified-values',
    });
    const expected = await snapshot(embedded.store);
    const scope = {
      run: {
        mode: 'embedded',
        data_dir: 'x',
        from: '',
        to: '',
        strategy: '',
        baseline_strategy: '',
        wall_seconds: 0,
      },
      fromMs: FROM_MS,
      toMs: TO_MS,
      strategyVersion: '7.2.0',
      baselineVersion: '7.2.0-fixed',
      initialEquityUsdt: 10_000,
      coverage: {},
    };
    const embeddedReport = (await buildReport(embedded.store, scope)).report;
    await embedded.close();
    expect(expected.signals.length).toBeGreaterThan(10);
    expect(expected.outcomes.length).toBeGreaterThan(0);

    const infra = testInfra();
    await withPgSchema(
      infra.databaseUrl,
      async (schema) => {
        const prefix = `${uniqueName('eq')}.`;
        const flow = await startDistributedFlow({
          brokers: infra.kafkaBrokers,
          databaseUrl: infra.databaseUrl,
          schema,
          prefix,
        });
        const store = new PgStore({ connectionString: infra.databaseUrl, schema, poolSize: 2 });
        try {
          // Lockstep: at full speed the executor's closes can reach the pipeline hours late, and a position it
          // still counts as open changes a decision; the embedded run never lets that happen.
          await flow.replay(DATA_DIR, FROM_MS, TO_MS, SYMBOLS, { lockstep: true });
          let last = '';
          let stableSince = Date.now();
          await waitFor(
            async () => {
              const now = JSON.stringify(await snapshot(store));
              if (now !== last) {
                last = now;
                stableSince = Date.now();
                return undefined;
              }
              // Quiet for longer than the recorder's pending sweep and a consumer's commit interval.
              if (Date.now() - stableSince < STABLE_MS) return undefined;
              return (await consumerLag(infra.kafkaBrokers, prefix)) === 0 ? true : undefined;
            },
            { timeoutMs: 120_000, intervalMs: 500, describe: 'recorder tables stable and consumer lag 0' },
          );
          const actual = await snapshot(store);
          expect(actual.signals).toEqual(expected.signals);
          expect(actual.outcomes).toEqual(expected.outcomes);
        } finally {
          await flow.stop();
          await store.close();
        }
        const out = mkdtempSync(join(tmpdir(), 'cs-report-db-'));
        try {
          const lines: string[] = [];
          const io = { cwd: process.cwd(), out: (t: string) => void lines.push(t), err: () => undefined };
          const from = new Date(FROM_MS).toISOString();
          const to = new Date(TO_MS).toISOString();
          const args = [
            'report',
            '--db',
            infra.databaseUrl,
            '--schema',
            schema,
            '--out',
            out,
            '--from',
            from,
            '--to',
            to,
          ];
          expect(await runCli([...args, '--period', 'month'], io)).toBe(0);
          const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
          expect(report.run.mode).toBe('distributed');
          for (const key of ['signals', 'rejected', 'trades', 'shadow_trades', 'executions'] as const)
            expect(report[key]).toBe(embeddedReport[key]);
          expect(report.performance.win_rate).toBe(embeddedReport.performance.win_rate);
          const monthly = JSON.parse(readFileSync(join(out, 'monthly.json'), 'utf8'));
          expect(monthly.map((m: { month: string }) => m.month)).toEqual(['2024-03']);
          expect(monthly[0].trades).toBe(embeddedReport.trades);
          expect(lines.join('')).toContain('2024-03');
        } finally {
          rmSync(out, { recursive: true, force: true });
        }
      },
      { prefix: 'eq' },
    );
  });
});
