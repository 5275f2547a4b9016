import { fileURLToPath } from 'node:url';
import { HOUR_MS } from '@cryptosignal/domain';
import { ManualClock } from '@cryptosignal/runtime';
import { PgliteStore, runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlMarketStore } from '../../../src/adapters/sql-market-store.js';
import { runBackfill } from '../../../src/backfill/run-backfill.js';
import { exchangeBackfillReader } from '../../../src/exchange/exchange-reader.js';
import { CollectorMetrics } from '../../../src/metrics.js';
import { loadCollectorMigrations } from '../../../src/migrations.js';
import { type FakeExchange, startFakeExchange } from '../../support/fake-exchange/fake-exchange.js';

const DATA = fileURLToPath(new URL('../../../../../data/market/', import.meta.url));
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 2, 31, 23); // 91 days of 1h bars: two pages of 1,500
const HOLE = [FROM + 100 * HOUR_MS, FROM + 101 * HOUR_MS];

describe('exchange backfill through ccxt with a backup source', () => {
  let primary: FakeExchange;
  let backup: FakeExchange;
  let sql: PgliteStore;

  beforeAll(async () => {
    primary = await startFakeExchange({
      dataDir: DATA,
      symbols: ['ETHUSDT'],
      faults: [{ path: '/fapi/v1/klines', status: 503, times: 1_000 }],
    });
    backup = await startFakeExchange({
      dataDir: DATA,
      symbols: ['ETHUSDT'],
      holes: [{ symbol: 'ETHUSDT', openTimes: HOLE, times: 1 }],
    });
    sql = await PgliteStore.create({ schema: 'exchange_backfill' });
    await runMigrations(sql, {
      owner: 'collector',
      migrations: await loadCollectorMigrations(),
      variant: 'plain',
    });
  }, 120_000);
  afterAll(async () => {
    await primary.close();
    await backup.close();
    await sql.close();
  });

  it('fails over to the backup, re-fetches a hole, and stores every bar and funding event once', async () => {
    const registry = createMetricsRegistry({ service: 'collector', defaultMetrics: false });
    const metrics = new CollectorMetrics(registry);
    const lines: string[] = [];
    const logger = createLogger({
      service: 'collector',
      level: 'info',
      destination: { write: (l: string) => lines.push(l) },
    });
    const reader = exchangeBackfillReader(
      {
        restBaseUrl: primary.restUrl,
        backupRestBaseUrl: backup.restUrl,
        retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
      },
      { metrics, logger, clock: new ManualClock(Date.UTC(2026, 0, 1)) },
    );
    const store = new SqlMarketStore(sql);
    const report = await runBackfill({
      reader,
      ingest: { store, metrics, logger },
      kinds: ['klines_1h', 'funding'],
      symbols: ['ETHUSDT'],
      fromMs: FROM,
      toMs: TO,
    });
    const expectedBars = backup.data.klines1h
      .get('ETHUSDT')!
      .filter((b) => b.openTime >= FROM && b.openTime <= TO);
    const expectedFunding = backup.data.funding
      .get('ETHUSDT')!
      .filter((f) => f.fundingTime >= FROM && f.fundingTime <= TO);
    const counts = await store.rowCounts();
    expect(counts.klines).toBe(expectedBars.length);
    expect(counts.funding_rates).toBe(expectedFunding.length);
    expect(report.rowsQuarantined).toBe(0);

    const value = async (name: string) => (await registry.getSingleMetric(name)!.get()).values;
    expect(await value('cryptosignal_collector_source_failovers_total')).toEqual([
      expect.objectContaining({
        labels: { stream: 'history', from: 'binance', to: 'binance_backup' },
        value: 1,
      }),
    ]);
    expect((await value('cryptosignal_collector_gap_points_refetched_total'))[0]?.value).toBe(2);
    expect(lines.some((l) => l.includes('"msg":"source switched"'))).toBe(true);
    expect(await store.watermark('klines_1h', 'ETHUSDT')).toBe(expectedBars.at(-1)!.closeTime);
  });
});
