import { describe, expect, it } from 'vitest';
import {
  DEPTH_HEADER,
  depthSnapshots,
  OPEN_INTEREST_HEADER,
  parseDepth,
  parseFunding,
  parseOpenInterest,
  parseTrades,
  TRADES_HEADER,
} from '../src/index.js';
import { collect, FUNDING_HEADER_LINE, fixtureDir, writeFixture } from './helpers.js';

describe('parseFunding', () => {
  it('keeps the stored funding time (jitter included) and leaves an empty mark price undefined', async () => {
    const path = writeFixture(fixtureDir(), 'funding/BTCUSDT.csv.gz', [
      FUNDING_HEADER_LINE,
      'BTCUSDT,1679356800007,8.118e-05,',
      'BTCUSDT,1679385600000,-0.0003,27000.5',
      'BTCUSDT,1679414400000,,',
    ]);
    const items = await collect(parseFunding(path));
    expect(items[0]).toEqual({
      row: 2,
      value: { symbol: 'BTCUSDT', fundingTime: 1679356800007, rate: 8.118e-5 },
    });
    expect(items[1]?.value).toEqual({
      symbol: 'BTCUSDT',
      fundingTime: 1679385600000,
      rate: -0.0003,
      markPrice: 27000.5,
    });
    expect(items[2]).toEqual({ row: 4, problem: { kind: 'nan', detail: 'funding_rate is empty' } });
  });

  it('rejects a symbol that is not a USDT symbol', async () => {
    const path = writeFixture(fixtureDir(), 'funding/BTCUSDT.csv', [
      FUNDING_HEADER_LINE,
      'btc-usd,1679356800000,0.0001,',
    ]);
    expect((await collect(parseFunding(path)))[0]?.problem?.kind).toBe('unparseable');
  });
});

describe('parseOpenInterest', () => {
  it('reads base-asset OI, its USDT value and leaves missing ratios undefined', async () => {
    const path = writeFixture(fixtureDir(), 'open_interest/BTCUSDT.csv', [
      OPEN_INTEREST_HEADER.join(','),
      'BTCUSDT,1640995200000,5m,74803.41,3456683790.3241525,,,,',
      'BTCUSDT,1640995500000,5m,74861.624,,1.2,1.1,0.9,1.05',
      'BTCUSDT,1640995800000,2m,74861.624,,,,,',
    ]);
    const items = await collect(parseOpenInterest(path));
    expect(items[0]?.value).toEqual({
      symbol: 'BTCUSDT',
      timestamp: 1640995200000,
      period: '5m',
      openInterest: 74803.41,
      openInterestValueUsdt: 3456683790.3241525,
    });
    expect(items[1]?.value).toMatchObject({
      countTopTraderLongShortRatio: 1.2,
      sumTakerLongShortVolRatio: 1.05,
    });
    expect(items[1]?.value?.openInterestValueUsdt).toBeUndefined();
    expect(items[2]?.problem?.kind).toBe('unparseable');
  });
});

describe('parseDepth and depthSnapshots', () => {
  it('groups long-format levels into snapshots sorted by level', async () => {
    const path = writeFixture(fixtureDir(), 'depth/BTCUSDT.csv', [
      DEPTH_HEADER.join(','),
      'BTCUSDT,1598918403696,tardis,ask,1,11657.54,5.4',
      'BTCUSDT,1598918403696,tardis,ask,0,11657.08,1.714',
      'BTCUSDT,1598918403696,tardis,bid,0,11657.07,2',
      'BTCUSDT,1598918403815,tardis,bid,0,11657.1,0.5',
      'BTCUSDT,1598918403815,tardis,middle,0,11657.1,0.5',
    ]);
    const rows = await collect(parseDepth(path));
    expect(rows[4]?.problem?.kind).toBe('unparseable');
    const snapshots = [];
    for await (const snapshot of depthSnapshots(parseDepth(path))) snapshots.push(snapshot);
    expect(snapshots).toHaveLength(2);
    expect(snapshots[0]?.asks.map((l) => l.price)).toEqual([11657.08, 11657.54]);
    expect(snapshots[0]?.bids).toEqual([{ side: 'bid', level: 0, price: 11657.07, qty: 2 }]);
    expect(snapshots[1]).toMatchObject({ timestamp: 1598918403815, asks: [], bids: [{ price: 11657.1 }] });
  });
});

describe('parseTrades', () => {
  it('reads trades with the taker side as isBuyerMaker', async () => {
    const path = writeFixture(fixtureDir(), 'trades/ETHUSDT.csv', [
      TRADES_HEADER.join(','),
      'ETHUSDT,1675329600138,1206419187,1666.8,26.062,43440.1416,false',
      'ETHUSDT,1675329600214,1206419188,1666.79,0.152,,true',
      'ETHUSDT,1675329600214,1206419189,1666.79,0.152,,maybe',
    ]);
    const items = await collect(parseTrades(path));
    expect(items[0]?.value).toEqual({
      symbol: 'ETHUSDT',
      timestamp: 1675329600138,
      tradeId: 1206419187,
      price: 1666.8,
      qty: 26.062,
      quoteQty: 43440.1416,
      isBuyerMaker: false,
    });
    expect(items[1]?.value).toMatchObject({ isBuyerMaker: true });
    expect(items[1]?.value?.quoteQty).toBeUndefined();
    expect(items[2]?.problem?.kind).toBe('unparseable');
  });
});
