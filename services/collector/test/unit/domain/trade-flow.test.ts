import { parseSymbol, type UnixMs } from '@cryptosignal/domain';
import type { Trade } from '@cryptosignal/marketdata';
import { describe, expect, it } from 'vitest';
import { tradeFlow } from '../../../src/domain/trade-flow.js';
import { TradeFlowAggregator } from '../../../src/domain/trade-flow-aggregator.js';

const ETH = parseSymbol('ETHUSDT');
const M = 60_000;
let id = 0;
function trade(timestamp: number, price: number, qty: number, isBuyerMaker: boolean): Trade {
  id += 1;
  return { symbol: ETH, timestamp: timestamp as UnixMs, tradeId: id, price, qty, isBuyerMaker };
}
const spec = { symbol: ETH, market: 'spot' as const, interval: '1m', windowStartMs: 0, windowEndMs: M };

describe('tradeFlow', () => {
  it('splits taker buys and sells, and counts trades strictly above $10k as large', () => {
    const flow = tradeFlow(
      [
        trade(1, 2000, 6, false), // buy, $12,000: large
        trade(2, 2000, 5, false), // buy, exactly $10,000: not large
        trade(3, 2000, 2, true), // sell, $4,000
        trade(4, 2000, 10, true), // sell, $20,000: large
      ],
      spec,
    );
    expect(flow).toMatchObject({
      buyVolume: 11,
      sellVolume: 12,
      tradeCount: 4,
      largeTradeCount: 2,
      largeBuyCount: 1,
      largeSellCount: 1,
      largeBuyVolumeUsdt: 12_000,
      largeSellVolumeUsdt: 20_000,
      largeTradeThresholdUsdt: 10_000,
    });
    expect(flow.buySellRatio).toBeCloseTo(11 / 12, 12);
  });

  it('leaves the ratio undefined when nothing was sold', () => {
    expect(tradeFlow([trade(1, 10, 1, false)], spec).buySellRatio).toBeUndefined();
  });
});

describe('TradeFlowAggregator', () => {
  it('closes a window when a later trade arrives, emits empty windows in between, cuts the trailing one', () => {
    const agg = new TradeFlowAggregator({ symbol: ETH, market: 'spot', windowMs: M, interval: '1m' });
    expect(agg.add(trade(10_000, 100, 1, false))).toEqual([]);
    expect(agg.add(trade(20_000, 100, 2, true))).toEqual([]);
    const closed = agg.add(trade(3 * M + 5, 100, 3, false));
    expect(closed.map((w) => [w.windowStartMs, w.windowEndMs, w.tradeCount])).toEqual([
      [0, M, 2],
      [M, 2 * M, 0],
      [2 * M, 3 * M, 0],
    ]);
    const last = agg.flush();
    expect([last?.windowStartMs, last?.windowEndMs, last?.buyVolume]).toEqual([3 * M, 3 * M + 6, 3]);
  });

  it('refuses a trade earlier than the last one', () => {
    const agg = new TradeFlowAggregator({ symbol: ETH, market: 'spot', windowMs: M, interval: '1m' });
    agg.add(trade(5_000, 1, 1, false));
    expect(() => agg.add(trade(4_000, 1, 1, false))).toThrow(RangeError);
  });
});
