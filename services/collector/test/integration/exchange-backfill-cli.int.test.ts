import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testInfra, withPgSchema } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeExchange, startFakeExchange } from '../support/fake-exchange/fake-exchange.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = `${ROOT}services/cli/bin/cryptosignal.js`;
const { databaseUrl } = testInfra();
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2024, 1, 29, 23);

describe('cryptosignal data backfill --source exchange', () => {
  let fake: FakeExchange;
  beforeAll(async () => {
    fake = await startFakeExchange({
      dataDir: `${ROOT}data/market`,
      symbols: ['ETHUSDT'],
      faults: [{ path: '/fapi/v1/klines', status: 429, times: 1, retryAfterS: 1 }],
    });
  });
  afterAll(() => fake.close());

  it('fills PostgreSQL from the (fake) exchange through ccxt and prints its report', async () => {
    expect(existsSync(`${ROOT}services/cli/dist/main.js`), 'run `npm run build` first').toBe(true);
    await withPgSchema(
      databaseUrl,
      async (schema) => {
        const args = [
          CLI,
          'data',
          'backfill',
          '--source=exchange',
          `--exchange-url=${fake.restUrl}`,
          '--symbols=ETHUSDT',
          '--kinds=klines_1h,funding',
          '--from=2024-01-01',
          '--to=2024-02-29T23:00:00Z',
          `--schema=${schema}`,
          '--no-progress',
        ];
        const { stdout } = await promisify(execFile)(process.execPath, args, {
          env: { ...process.env, DATABASE_URL: databaseUrl },
        });
        const report = JSON.parse(stdout);
        const bars = fake.data.klines1h.get('ETHUSDT')!.filter((b) => b.openTime >= FROM && b.openTime <= TO);
        const funding = fake.data.funding
          .get('ETHUSDT')!
          .filter((f) => f.fundingTime >= FROM && f.fundingTime <= TO);
        expect(report.rowCounts).toMatchObject({ klines: bars.length, funding_rates: funding.length });
        expect(fake.rest.requests.filter((r) => r.status === 429)).toHaveLength(1);
      },
      { prefix: 'collector_exchange' },
    );
  }, 120_000);
});
