import { parseSymbol, type UnixMs } from '@cryptosignal/domain';
import { PgliteStore, runMigrations } from '@cryptosignal/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlMarketStore } from '../../../src/adapters/sql-market-store.js';
import { depthFeatures } from '../../../src/domain/depth-features.js';
import type { IngestBatch, MarketEvent, QuarantinedRow } from '../../../src/domain/market-event.js';
import { loadCollectorMigrations } from '../../../src/migrations.js';
import { bar } from '../../support/bars.js';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const ETH = parseSymbol('ETHUSDT');

function batch(events: MarketEvent[], extra: Partial<IngestBatch> = {}): IngestBatch {
  return { label: 'klines_1h', source: 'test', events, rejected: [], ...extra };
}

describe('SqlMarketStore on PGlite', () => {
  let sql: PgliteStore;
  let store: SqlMarketStore;

  beforeAll(async () => {
    sql = await PgliteStore.create({ schema: 'collector_test' });
    await runMigrations(sql, {
      owner: 'collector',
      migrations: await loadCollectorMigrations(),
      variant: 'plain',
    });
    store = new SqlMarketStore(sql);
  }, 120_000);
  afterAll(() => sql.close());

  it('upserts bars idempotently and advances the watermark', async () => {
    const events: MarketEvent[] = [0, 1, 2].map((i) => ({ kind: 'kline', value: bar(T0 + i * H) }));
    const first = await store.writeBatch(
      batch(events, { watermark: { kind: 'klines_1h', symbol: ETH, eventTimeMs: T0 + 3 * H - 1 } }),
    );
    const second = await store.writeBatch(
      batch(events, { watermark: { kind: 'klines_1h', symbol: ETH, eventTimeMs: T0 + 3 * H - 1 } }),
    );
    expect(first).toEqual({ written: 3, quarantined: 0, conflicts: 0 });
    expect(second).toEqual({ written: 3, quarantined: 0, conflicts: 0 });
    expect((await store.rowCounts()).klines).toBe(3);
    expect(await store.watermark('klines_1h', ETH)).toBe(T0 + 3 * H - 1);
    expect(
      await store.klineOpenTimes({ symbol: ETH, market: 'perp', interval: '1h' }, T0, T0 + 10 * H),
    ).toEqual([T0, T0 + H, T0 + 2 * H]);
  });

  it('merges optional fields of an agreeing source and quarantines a disagreeing one as a conflict', async () => {
    const withTaker = bar(T0, { takerBuyVolume: 3, quoteVolume: 700 });
    const disagreeing = bar(T0 + H, { close: 104 });
    const result = await store.writeBatch(
      batch([
        { kind: 'kline', value: withTaker },
        { kind: 'kline', value: disagreeing },
      ]),
    );
    expect(result).toEqual({ written: 1, quarantined: 1, conflicts: 1 });
    const { rows } = await sql.query<{ taker_buy_volume_base: number; close_price: number }>(
      'SELECT taker_buy_volume_base, close_price FROM klines ORDER BY open_time LIMIT 2',
    );
    expect(rows).toEqual([
      { taker_buy_volume_base: 3, close_price: 105 },
      { taker_buy_volume_base: null, close_price: 105 },
    ]);
    const quarantine = await sql.query<{ reason: string }>('SELECT reason FROM market_quarantine');
    expect(quarantine.rows).toEqual([{ reason: 'conflict' }]);
  });

  it('stores rejected rows once with their reason, and every other table', async () => {
    const rejected: QuarantinedRow = {
      kind: 'klines_1h',
      symbol: 'ETHUSDT',
      source: 'replay',
      sourceRef: 'klines_1h/ETHUSDT.csv',
      row: 7,
      itemKey: 'klines_1h/ETHUSDT.csv:7',
      reason: 'high_low',
      detail: 'high 1 < low 2',
      payload: { high: 1, low: 2 },
    };
    const book = {
      symbol: ETH,
      market: 'perp' as const,
      timestamp: T0 as UnixMs,
      source: 'test',
      bids: [{ price: 99.99, qty: 10 }],
      asks: [{ price: 100.01, qty: 5 }],
    };
    const events: MarketEvent[] = [
      { kind: 'funding', value: { symbol: ETH, fundingTime: T0 as UnixMs, rate: 0.0001 } },
      {
        kind: 'open_interest',
        value: { symbol: ETH, timestamp: T0 as UnixMs, period: '5m', openInterest: 12 },
      },
      { kind: 'depth', value: { book, features: depthFeatures(book.bids, book.asks) } },
    ];
    await store.writeBatch(batch(events, { rejected: [rejected] }));
    await store.writeBatch(batch([], { rejected: [rejected] }));
    const counts = await store.rowCounts();
    expect(counts).toMatchObject({ funding_rates: 1, open_interest: 1, depth_snapshots: 1 });
    const { rows } = await sql.query<{ reason: string; row_number: number }>(
      "SELECT reason, row_number FROM market_quarantine WHERE reason = 'high_low'",
    );
    expect(rows).toEqual([{ reason: 'high_low', row_number: 7 }]);
  });
});
