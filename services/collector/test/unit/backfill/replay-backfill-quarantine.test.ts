import { PgliteStore, runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlMarketStore } from '../../../src/adapters/sql-market-store.js';
import { ReplayBackfillReader } from '../../../src/backfill/replay-backfill-reader.js';
import { runBackfill } from '../../../src/backfill/run-backfill.js';
import { CollectorMetrics } from '../../../src/metrics.js';
import { loadCollectorMigrations } from '../../../src/migrations.js';
import { KLINE_HEADER, klineLine, makeDataDir } from '../../support/data-dir.js';

const H = 3_600_000;
const T = Date.UTC(2024, 0, 1);

const dir = makeDataDir({
  'klines_1h/ETHUSDT.csv': [
    KLINE_HEADER,
    klineLine(T, [10, 11, 9, 10, 1]),
    klineLine(T + H, [10, 9, 11, 10, 1]), // line 3: high < low
    klineLine(T + H, [10, 11, 9, 10, 1]), // line 4: same open time again → duplicate
    klineLine(T + 2 * H, [10, 11, 9, 10, -1]), // line 5: negative volume
    'not,a,kline', // line 6: unparseable
    klineLine(T + 3 * H, [10, 11, 9, 10, 1]),
  ],
  'funding/ETHUSDT.csv': [
    'symbol,funding_time,funding_rate,mark_price',
    `ETHUSDT,${T + 3},0.0001,`,
    `ETHUSDT,${T + 8 * H + 9},nan,`,
  ],
});

describe('replay backfill of files with bad rows', () => {
  let sql: PgliteStore;
  beforeAll(async () => {
    sql = await PgliteStore.create({ schema: 'replay_quarantine' });
    await runMigrations(sql, {
      owner: 'collector',
      migrations: await loadCollectorMigrations(),
      variant: 'plain',
    });
  }, 120_000);
  afterAll(() => sql.close());

  it('stores the good rows and puts every bad one in market_quarantine with file, line and reason, once', async () => {
    const store = new SqlMarketStore(sql);
    const metrics = new CollectorMetrics(
      createMetricsRegistry({ service: 'collector', defaultMetrics: false }),
    );
    const options = {
      reader: new ReplayBackfillReader(dir),
      ingest: { store, metrics, logger: createLogger({ service: 'collector', level: 'silent' }) },
      kinds: ['klines_1h', 'funding'] as const,
      fromMs: T,
      toMs: T + 30 * H,
    };
    const first = await runBackfill(options);
    const second = await runBackfill(options);
    expect(first).toMatchObject({ rowsWritten: 3, rowsQuarantined: 5 });
    expect(second).toMatchObject({ rowsWritten: 0 });
    const { rows } = await sql.query<{ source_ref: string; row_number: number; reason: string }>(
      'SELECT source_ref, row_number, reason FROM market_quarantine ORDER BY source_ref, row_number',
    );
    expect(rows).toEqual([
      { source_ref: 'funding/ETHUSDT.csv', row_number: 3, reason: 'nan' },
      { source_ref: 'klines_1h/ETHUSDT.csv', row_number: 3, reason: 'high_low' },
      { source_ref: 'klines_1h/ETHUSDT.csv', row_number: 4, reason: 'duplicate' },
      { source_ref: 'klines_1h/ETHUSDT.csv', row_number: 5, reason: 'negative_volume' },
      { source_ref: 'klines_1h/ETHUSDT.csv', row_number: 6, reason: 'unparseable' },
    ]);
    expect(await store.rowCounts()).toMatchObject({ klines: 2, funding_rates: 1, market_quarantine: 5 });
  });
});
