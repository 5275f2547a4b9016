// Replay-backfill throughput into PostgreSQL, in rows per second: a fixed real subset of the shipped 1h data
// (perp, spot and spot-with-taker bars and funding of four symbols) written through the built
// @cryptosignal/collector into a fresh schema, three times; prints ONE JSON line with the median run.
// Needs the local PostgreSQL (`make infra-up`; DATABASE_URL overrides) and the built packages (`npm run build`).
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { runBackfillJob } from '@cryptosignal/collector';
import pg from 'pg';

const DATA_DIR = fileURLToPath(new URL('../data/market/', import.meta.url));
const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://cryptosignal:cryptosignal@127.0.0.1:15432/cryptosignal';
const SUBSET = {
  symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'LTCUSDT'],
  kinds: ['klines_1h', 'klines_1h_spot', 'klines_1h_spot_taker', 'funding'],
  fromMs: Date.UTC(2023, 0, 1),
  toMs: Date.UTC(2025, 11, 31),
};
const RUNS = 3;

async function withSchema(fn) {
  const schema = `bench_collector_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    return await fn(schema);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function reachable() {
  const probe = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await probe.connect();
    return true;
  } catch {
    return false;
  } finally {
    await probe.end().catch(() => {});
  }
}

if (!(await reachable())) {
  console.log(
    JSON.stringify({
      bench: 'collector.backfill_postgres',
      skipped: 'PostgreSQL not reachable (make infra-up)',
    }),
  );
  process.exit(0);
}

const runs = [];
for (let run = 0; run < RUNS; run += 1) {
  runs.push(
    await withSchema((schema) =>
      runBackfillJob({ source: 'replay', dataDir: DATA_DIR, databaseUrl: DATABASE_URL, schema, ...SUBSET }),
    ),
  );
}
const rates = runs.map((r) => r.rowsWritten / (r.elapsedMs / 1000)).sort((a, b) => a - b);
const median = runs.find((r) => r.rowsWritten / (r.elapsedMs / 1000) === rates[Math.floor(RUNS / 2)]);
console.log(
  JSON.stringify({
    bench: 'collector.backfill_postgres',
    source: 'replay',
    subset: SUBSET,
    runs: RUNS,
    rows_written: median.rowsWritten,
    table_rows: median.rowCounts,
    seconds: median.elapsedMs / 1000,
    rows_per_s: Math.round(rates[Math.floor(RUNS / 2)]),
    rows_per_s_runs: rates.map(Math.round),
  }),
);
