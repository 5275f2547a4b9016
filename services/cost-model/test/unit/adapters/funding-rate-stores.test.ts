import { HOUR_MS } from '@cryptosignal/domain';
import type { PgliteStore } from '@cryptosignal/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PgCostModelStore } from '../../../src/adapters/pg-cost-model-store.js';
import { WriteBehindCostModelStore } from '../../../src/adapters/write-behind-cost-model-store.js';
import type { StoredFundingRate } from '../../../src/ports.js';
import { costTestDb, truncateAll } from '../../support/db.js';

const T0 = Date.UTC(2024, 0, 1);

/** `count` rates of `symbol`, 8 h apart from T0, rate i × 1e-5 (0.1 bps steps). */
function rates(symbol: string, count: number): StoredFundingRate[] {
  return Array.from({ length: count }, (_, i) => ({
    symbol,
    fundingTime: T0 + i * 8 * HOUR_MS,
    rate: (i + 1) * 1e-5,
    intervalHours: i % 2 === 0 ? 8 : null,
    eventId: `${symbol}-${i}`,
  }));
}

const sample = ({ symbol, fundingTime, rate }: StoredFundingRate) => ({ symbol, fundingTime, rate });

let db: PgliteStore;
beforeAll(async () => {
  db = await costTestDb();
}, 120_000);
beforeEach(async () => truncateAll(db));
afterAll(async () => db.close());

describe('PgCostModelStore funding rates', () => {
  it('inserts a batch in one statement, skipping rates already stored', async () => {
    const store = new PgCostModelStore(db);
    expect(await store.saveFundingRates(rates('ETHUSDT', 3))).toBe(3);
    expect(await store.saveFundingRates(rates('ETHUSDT', 5))).toBe(2);
    expect(await store.saveFundingRates([])).toBe(0);
    expect(await store.fundingRates(T0 + 100 * HOUR_MS)).toEqual(rates('ETHUSDT', 5).map(sample));
  });

  it('returns the latest N rates of each symbol at or before asOf, as the tail of the full list', async () => {
    const store = new PgCostModelStore(db);
    await store.saveFundingRates([...rates('SOLUSDT', 6), ...rates('BTCUSDT', 9), ...rates('ADAUSDT', 1)]);
    const asOfMs = T0 + 7 * 8 * HOUR_MS - 1;
    const all = await store.fundingRates(asOfMs);
    const latest = await store.fundingRates(asOfMs, 3);
    const tail = (symbol: string) => all.filter((r) => r.symbol === symbol).slice(-3);
    expect(latest).toEqual([...tail('ADAUSDT'), ...tail('BTCUSDT'), ...tail('SOLUSDT')]);
    expect(latest.filter((r) => r.symbol === 'BTCUSDT').map((r) => r.fundingTime)).toEqual(
      [4, 5, 6].map((i) => T0 + i * 8 * HOUR_MS),
    );
    expect(await store.fundingRates(T0 - 1, 3)).toEqual([]);
  });
});

describe('WriteBehindCostModelStore', () => {
  it('serves the rates from memory as the table would, tells new from known ones, and writes them at flush', async () => {
    const table = new PgCostModelStore(db);
    await table.saveFundingRates(rates('BTCUSDT', 1));
    const store = new WriteBehindCostModelStore(table);
    const [first, second] = rates('BTCUSDT', 2);
    expect(await store.saveFundingRate(first!)).toBe(false);
    expect(await store.saveFundingRate(second!)).toBe(true);
    expect(await store.saveFundingRate(second!)).toBe(false);
    for (const r of [...rates('SOLUSDT', 6).reverse(), ...rates('ADAUSDT', 2)])
      await store.saveFundingRate(r);
    expect(await table.fundingRates(T0 + HOUR_MS * 100)).toHaveLength(1);
    await store.flush();
    for (const asOfMs of [T0 - 1, T0, T0 + 20 * HOUR_MS, T0 + 100 * HOUR_MS])
      for (const last of [undefined, 1, 3]) {
        expect(await store.fundingRates(asOfMs, last)).toEqual(await table.fundingRates(asOfMs, last));
      }
    expect(await table.fundingRates(T0 + HOUR_MS * 100)).toHaveLength(10);
  });
});
