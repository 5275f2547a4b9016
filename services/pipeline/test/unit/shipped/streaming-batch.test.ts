import type { SymbolId } from '@cryptosignal/domain';
import { computeFactorSeries, computeMarketSeries } from '@cryptosignal/features';
import { describe, expect, it } from 'vitest';
import { loadShippedMarket } from '../../support/shipped.js';
import { snapshotDigest } from '../../support/snapshot-digest.js';
import { streamShipped } from '../../support/streaming.js';

describe('streaming (the service path) equals batch (the export path) on all shipped 1h data', () => {
  it('gives bit-identical snapshots for every bar of every klines_1h symbol, with funding, OI and BTC perp/spot', async () => {
    const m = await loadShippedMarket();
    const streamed = streamShipped(m, snapshotDigest);
    const market = computeMarketSeries({ perp: m.perp.get('BTCUSDT' as SymbolId), spot: m.btcSpot });
    let bars = 0;
    for (const [symbol, klines] of m.perp) {
      const batch = computeFactorSeries({
        symbol,
        klines,
        funding: m.funding.get(symbol),
        openInterest: m.openInterest.get(symbol),
        market,
      });
      const digests = batch.map(snapshotDigest);
      const mine = streamed.get(symbol) ?? [];
      const firstDiff = digests.findIndex((d, i) => d !== mine[i]);
      expect({ symbol, length: mine.length, firstDiff }).toEqual({
        symbol,
        length: klines.length,
        firstDiff: -1,
      });
      bars += klines.length;
    }
    expect(m.perp.size).toBe(22);
    expect(bars).toBe(22 * 21_048);
  }, 600_000);
});
