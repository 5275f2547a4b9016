import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PgStore } from '@cryptosignal/store';
import { testInfra, waitFor, withPgSchema } from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';
import { runBackfillJob } from '../../src/backfill/backfill-job.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = `${ROOT}services/cli/bin/cryptosignal.js`;
const DATA = `${ROOT}data/market`;
const { databaseUrl } = testInfra();

// A real subset of the shipped 1h data: two majors with perp, spot and spot-with-taker bars and funding.
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const KINDS = ['klines_1h', 'klines_1h_spot', 'klines_1h_spot_taker', 'funding'] as const;
const FROM_MS = Date.UTC(2023, 0, 1);
const TO_MS = Date.UTC(2025, 11, 31);

/**
 * Row counts of the market tables and an exact (numeric, order-independent) checksum of the klines' values,
 * so equal snapshots mean equal rows, not only equal counts.
 */
async function snapshot(schema: string) {
  const sql = new PgStore({ connectionString: databaseUrl, schema, poolSize: 1 });
  try {
    const { rows } = await sql.query<{
      klines: number;
      funding: number;
      quarantine: number;
      checksum: string;
    }>(
      `SELECT (SELECT count(*)::int FROM klines) AS klines, (SELECT count(*)::int FROM funding_rates) AS funding,
              (SELECT count(*)::int FROM market_quarantine) AS quarantine,
              (SELECT sum(close_price::numeric * volume_base::numeric + coalesce(taker_buy_volume_base::numeric, 0)
                 + extract(epoch FROM open_time)::numeric)::text FROM klines) AS checksum`,
    );
    return rows[0]!;
  } finally {
    await sql.close();
  }
}

async function klineRows(schema: string): Promise<number> {
  const sql = new PgStore({ connectionString: databaseUrl, schema, poolSize: 1 });
  try {
    const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM klines');
    return rows[0]?.n ?? 0;
  } finally {
    await sql.close();
  }
}

function backfill(schema: string) {
  return runBackfillJob({
    source: 'replay',
    dataDir: DATA,
    databaseUrl,
    schema,
    kinds: KINDS,
    symbols: SYMBOLS,
    fromMs: FROM_MS,
    toMs: TO_MS,
  });
}

function spawnCli(schema: string): ChildProcess {
  const args = [
    CLI,
    'data',
    'backfill',
    '--source=replay',
    `--symbols=${SYMBOLS.join(',')}`,
    `--kinds=${KINDS.join(',')}`,
    '--from=2023-01-01',
    '--to=2025-12-31',
    `--data=${DATA}`,
    `--schema=${schema}`,
    '--batch-rows=1000',
    '--no-progress',
  ];
  return spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'ignore',
  });
}

describe('replay backfill into PostgreSQL', () => {
  it('leaves the same rows when run twice, and when killed mid-way and restarted', async () => {
    expect(
      existsSync(CLI) && existsSync(`${ROOT}services/cli/dist/main.js`),
      'run `npm run build` first',
    ).toBe(true);
    await withPgSchema(
      databaseUrl,
      async (reference) => {
        const first = await backfill(reference);
        const once = await snapshot(reference);
        const again = await backfill(reference);
        expect(await snapshot(reference)).toEqual(once);
        expect(again.rowsWritten).toBe(0);
        expect(first.rowsQuarantined).toBe(0);
        // BTC and ETH: 2 perp series + 2 spot series (spot and spot-with-taker files merge into one).
        expect(once.klines).toBe(first.rowCounts.klines);
        expect(once.klines).toBeGreaterThan(80_000);

        await withPgSchema(
          databaseUrl,
          async (resumed) => {
            const child = spawnCli(resumed);
            const exited = new Promise((resolve) => child.once('exit', resolve));
            await waitFor(async () => (await klineRows(resumed)) >= 10_000, {
              timeoutMs: 60_000,
              intervalMs: 50,
              describe: 'the child backfill to commit 10,000 bars',
            });
            child.kill('SIGKILL');
            await exited;
            expect((await snapshot(resumed)).klines).toBeLessThan(once.klines);
            await backfill(resumed);
            expect(await snapshot(resumed)).toEqual(once);
          },
          { prefix: 'collector_resume' },
        );
      },
      { prefix: 'collector_backfill' },
    );
  }, 170_000);
});
