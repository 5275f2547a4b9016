import { EIGHT_HOURS_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { DEPTH_HEADER, OPEN_INTEREST_HEADER, TRADES_HEADER, validateFile } from '../src/index.js';
import { FUNDING_HEADER_LINE, fixtureDir, T0, writeFixture } from './helpers.js';

async function problems(relPath: string, lines: string[]) {
  const report = await validateFile(writeFixture(fixtureDir(), relPath, lines));
  return report.problems.map(({ row, kind, detail }) => ({ row, kind, detail }));
}

const funding = (ms: number, rate = '0.0001', symbol = 'BTCUSDT', mark = '') =>
  `${symbol},${ms},${rate},${mark}`;
const E = EIGHT_HOURS_MS;

describe('validateFile on funding', () => {
  it("accepts Binance's few-ms jitter on the 8-hour schedule", async () => {
    const lines = [
      FUNDING_HEADER_LINE,
      funding(T0 + 7),
      funding(T0 + E),
      funding(T0 + 2 * E + 29),
      funding(T0 + 3 * E + 1000),
    ];
    expect(await problems('funding/BTCUSDT.csv', lines)).toEqual([]);
  });

  it('reports a time beyond the 1 s tolerance or off the 00/08/16 UTC schedule as unaligned', async () => {
    const lines = [FUNDING_HEADER_LINE, funding(T0), funding(T0 + E + 1001), funding(T0 + E + 4 * 3_600_000)];
    const found = await problems('funding/BTCUSDT.csv', lines);
    expect(found.map((p) => [p.row, p.kind])).toEqual([
      [3, 'unaligned'],
      [4, 'unaligned'],
    ]);
  });

  it('reports a longer funding interval as a gap counting the skipped funding events', async () => {
    const lines = [FUNDING_HEADER_LINE, funding(T0), funding(T0 + E), funding(T0 + 4 * E + 7)];
    expect(await problems('funding/BTCUSDT.csv', lines)).toEqual([
      {
        row: 4,
        kind: 'gap',
        detail: '2 missing funding events between 2023-03-21T08:00:00.000Z and 2023-03-22T08:00:00.000Z',
      },
    ]);
  });

  it('reports two rows for one funding slot as a duplicate, and a foreign symbol and bad mark price', async () => {
    const lines = [
      FUNDING_HEADER_LINE,
      funding(T0),
      funding(T0 + 7),
      funding(T0 + E, '0.0001', 'ETHUSDT', '-1'),
    ];
    const found = await problems('funding/BTCUSDT.csv', lines);
    expect(found.map((p) => [p.row, p.kind])).toEqual([
      [3, 'duplicate'],
      [4, 'symbol_mismatch'],
      [4, 'non_positive'],
    ]);
  });
});

describe('validateFile on open interest', () => {
  const oi = (ms: number, period = '5m', value = '74803.41') => `BTCUSDT,${ms},${period},${value},1000,,,,`;
  const header = OPEN_INTEREST_HEADER.join(',');
  const M5 = 300_000;

  it('reports skipped 5m samples as a gap, a second period as irregular, negative OI', async () => {
    const lines = [
      header,
      oi(T0),
      oi(T0 + M5),
      oi(T0 + 5 * M5),
      oi(T0 + 6 * M5, '1h'),
      oi(T0 + 6 * M5, '5m', '-3'),
    ];
    const found = await problems('open_interest/BTCUSDT.csv', lines);
    expect(found.map((p) => [p.row, p.kind, p.detail])).toEqual([
      [4, 'gap', '3 missing 5m samples between 2023-03-21T00:05:00.000Z and 2023-03-21T00:25:00.000Z'],
      [5, 'irregular_interval', 'period 1h in a file of 5m samples'],
      [6, 'negative_volume', 'open interest -3 / value 1000 below 0'],
    ]);
  });
});

describe('validateFile on depth', () => {
  const header = DEPTH_HEADER.join(',');
  const level = (ts: number, side: string, lvl: number, price: string, qty = '1') =>
    `BTCUSDT,${ts},tardis,${side},${lvl},${price},${qty}`;

  it('finds nothing in a well-formed book', async () => {
    const lines = [
      header,
      level(1, 'ask', 0, '101'),
      level(1, 'ask', 1, '102'),
      level(1, 'bid', 0, '100'),
      level(1, 'bid', 1, '99'),
    ];
    expect(await problems('depth/BTCUSDT.csv', lines)).toEqual([]);
  });

  it('reports crossed books, repeated levels, misordered prices and snapshots, bad prices and quantities', async () => {
    const lines = [
      header,
      level(5, 'ask', 0, '100'),
      level(5, 'bid', 0, '100.5'),
      level(5, 'bid', 0, '100.5'),
      level(5, 'bid', 1, '101'),
      level(3, 'ask', 0, '0', '-2'),
    ];
    const found = await problems('depth/BTCUSDT.csv', lines);
    expect(found.map((p) => [p.row, p.kind])).toEqual([
      [3, 'crossed_book'],
      [4, 'duplicate'],
      [4, 'crossed_book'],
      [5, 'out_of_order'],
      [6, 'out_of_order'],
      [6, 'non_positive'],
      [6, 'negative_volume'],
    ]);
  });
});

describe('validateFile on trades', () => {
  const header = TRADES_HEADER.join(',');
  const trade = (ts: number, id: number, quote = '20', price = '10', qty = '2') =>
    `ETHUSDT,${ts},${id},${price},${qty},${quote},false`;

  it('reports skipped trade ids, a time going back, a zero price and a wrong quote_qty', async () => {
    const lines = [
      header,
      trade(100, 1),
      trade(101, 2),
      trade(102, 5),
      trade(99, 6),
      trade(103, 7, '0', '0'),
      trade(104, 8, '21'),
    ];
    const found = await problems('trades/ETHUSDT.csv', lines);
    expect(found.map((p) => [p.row, p.kind, p.detail])).toEqual([
      [4, 'gap', '2 missing trade ids between 2 and 5'],
      [5, 'out_of_order', 'time 99 before 102'],
      [6, 'non_positive', 'price 0 / qty 2 must be > 0'],
      [7, 'quote_mismatch', 'quote_qty 21 != price × qty 20'],
    ]);
  });
});
