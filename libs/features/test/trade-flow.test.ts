import { MINUTE_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { aggregateTradeFlow, type TakerTrade } from '../src/index.js';
import { readTrades } from './helpers/market-data.js';

describe('aggregateTradeFlow', () => {
  it('sums taker buys and sells of the shipped ETH trade sample per fully recorded minute', () => {
    const trades = readTrades('ETHUSDT');
    const from = (trades[0] as TakerTrade).timestamp;
    const to = (trades.at(-1) as TakerTrade).timestamp + 1;
    const bars = aggregateTradeFlow(trades, MINUTE_MS, from, to);
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(bars[0]?.openTime).toBeGreaterThanOrEqual(from);
    for (const bar of bars) {
      const inBar = trades.filter(
        (t) => t.timestamp >= bar.openTime && t.timestamp < bar.openTime + MINUTE_MS,
      );
      const buy = inBar.filter((t) => !t.isBuyerMaker).reduce((a, t) => a + t.qty, 0);
      const sell = inBar.filter((t) => t.isBuyerMaker).reduce((a, t) => a + t.qty, 0);
      expect(bar.buyVolume).toBeCloseTo(buy, 9);
      expect(bar.sellVolume).toBeCloseTo(sell, 9);
    }
    expect(bars.some((b) => b.buyVolume > 0) && bars.some((b) => b.sellVolume > 0)).toBe(true);
    // The partly recorded first and last minutes are left out.
    expect(bars.every((b) => b.openTime >= from && b.openTime + MINUTE_MS <= to)).toBe(true);
  });

  it('rejects a trade with a negative quantity', () => {
    expect(() =>
      aggregateTradeFlow([{ timestamp: 0, qty: -1, isBuyerMaker: false }], MINUTE_MS, 0, MINUTE_MS),
    ).toThrow(/quantity/);
  });
});
