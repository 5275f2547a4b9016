import { HOUR_MS } from '@cryptosignal/domain';
import type { PgliteStore } from '@cryptosignal/store';
import { insertTrades } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgCostModelStore } from '../../../src/adapters/pg-cost-model-store.js';
import { buildCostsReport } from '../../../src/report/costs-report.js';
import { costTestDb, fills } from '../../support/db.js';

const T0 = Date.UTC(2024, 0, 1);
let db: PgliteStore;
beforeAll(async () => {
  db = await costTestDb();
}, 120_000);
afterAll(async () => db.close());

describe('buildCostsReport', () => {
  it('returns by_symbol, estimate_error_bps and funding by holding bucket, all in bps', async () => {
    const costs = [8, 9, 10, 11, 12, 8, 9, 10, 11, 12, 8, 9];
    await insertTrades(db, [...fills('ETHUSDT', costs, T0), ...fills('ADAUSDT', [15, 16], T0)]);
    await new PgCostModelStore(db).saveFundingRate({
      symbol: 'ETHUSDT',
      fundingTime: T0,
      rate: 0.0002,
      intervalHours: 8,
      eventId: 'f1',
    });
    const report = await buildCostsReport(db, { asOfMs: T0 + 30 * HOUR_MS });
    expect(Object.keys(report.by_symbol)).toEqual(['ADAUSDT', 'ETHUSDT']);
    const eth = report.by_symbol.ETHUSDT;
    expect(eth?.count).toBe(12);
    expect(eth?.median_bps).toBe(9.5);
    expect(eth?.estimate).toMatchObject({ samples: 12, source: 'history', medianCostBps: 9.5 });
    expect(eth?.funding_per_8h).toMatchObject({ medianRateBps: 2, source: 'history' });
    expect(report.by_symbol.ADAUSDT?.estimate).toMatchObject({ medianCostBps: 6, source: 'fallback' });
    // Point-in-time: the first 10 ETH fills and both ADA fills were predicted at the 6 bps fallback; the last
    // two ETH fills at the median of the fills before them (10 both times).
    const firstTen = costs.slice(0, 10).reduce((s, c) => s + Math.abs(c - 6), 0);
    const ethLast = Math.abs(8 - 10) + Math.abs(9 - 10);
    expect(report.estimate_error.median.n).toBe(14);
    expect(report.estimate_error_bps).toBeCloseTo((firstTen + ethLast + 9 + 10) / 14, 12);
    expect(report.summary.avg_expected_cost_bps).toBe(8);
    expect(report.funding_by_hold_bucket['8-24h']).toEqual({
      count: 14,
      avg_funding_bps: 1.5,
      median_funding_bps: 1.5,
    });
    expect(report.funding_by_hold_bucket['48h+'].count).toBe(0);
    expect(report.default_cost_bps).toBe(6);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
