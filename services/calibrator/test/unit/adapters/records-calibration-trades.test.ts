import { HOUR_MS } from '@cryptosignal/domain';
import type { PgliteStore } from '@cryptosignal/store';
import { insertTrades } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordsCalibrationTrades } from '../../../src/adapters/records-calibration-trades.js';
import { calibratorTestDb } from '../../support/fakes.js';
import { SERIES_START_MS, tradeSeries } from '../../support/trade-series.js';

let db: PgliteStore;
beforeAll(async () => {
  db = await calibratorTestDb();
  const executed = tradeSeries(10);
  const shadow = {
    ...executed[3]!,
    signalId: 'shadow-1',
    rejectedBy: { gate: 'gate2_f', reason: 'F_DIR_BELOW_THRESHOLD' },
  };
  await insertTrades(db, [...executed, shadow]);
}, 120_000);
afterAll(async () => db.close());

describe('RecordsCalibrationTrades', () => {
  const closeOf = (i: number) => SERIES_START_MS + (i + 6) * HOUR_MS;

  it('returns executed trades closed in (afterMs, asOfMs], in close order, without shadow trades', async () => {
    const source = new RecordsCalibrationTrades(db);
    const all = await source.closedTrades(closeOf(9));
    expect(all.map((t) => t.signalId)).toEqual(Array.from({ length: 10 }, (_, i) => `sig-11-${i}`));
    const window = await source.closedTrades(closeOf(7), closeOf(4));
    expect(window.map((t) => t.closeMs)).toEqual([closeOf(5), closeOf(6), closeOf(7)]);
    expect(window[0]).toMatchObject({ symbol: 'ETHUSDT', side: 'long' });
  });
});
