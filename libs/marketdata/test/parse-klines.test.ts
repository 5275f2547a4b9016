import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { parseKlines } from '../src/index.js';
import { collect, fixtureDir, KLINE_HEADER_LINE, klineLine, T0, writeFixture } from './helpers.js';

const TAKER_ROW = `${T0},42580,42687.63,42220.85,42474.95,1507.53813,${T0 + HOUR_MS - 1},64024220.678,55719,736.23403,31265364.06,0`;

describe('parseKlines', () => {
  it('yields typed bars with 1-based file rows, the path telling symbol, interval and market', async () => {
    const dir = fixtureDir();
    const path = writeFixture(dir, 'klines_1h_spot/BTCUSDT.csv', [
      KLINE_HEADER_LINE,
      klineLine(T0, HOUR_MS),
      TAKER_ROW,
    ]);
    const items = await collect(parseKlines(path));
    expect(items.map((i) => i.row)).toEqual([2, 3]);
    expect(items[0]?.value).toEqual({
      symbol: 'BTCUSDT',
      interval: '1h',
      market: 'spot',
      openTime: T0,
      closeTime: T0 + HOUR_MS - 1,
      open: 100,
      high: 110,
      low: 90,
      close: 105,
      volume: 12.5,
    });
    expect(items[1]?.value).toMatchObject({
      quoteVolume: 64024220.678,
      tradeCount: 55719,
      takerBuyVolume: 736.23403,
    });
  });

  it('keeps empty optional fields undefined, never 0', async () => {
    const path = writeFixture(fixtureDir(), 'klines_1h/LTCUSDT.csv', [
      KLINE_HEADER_LINE,
      klineLine(T0, HOUR_MS),
    ]);
    const [item] = await collect(parseKlines(path));
    const bar = item?.value;
    expect(bar).toBeDefined();
    for (const key of ['quoteVolume', 'tradeCount', 'takerBuyVolume', 'takerBuyQuoteVolume'] as const) {
      expect(bar?.[key]).toBeUndefined();
      expect(bar && key in bar).toBe(false);
    }
  });

  it('reads CSV.gz exactly like CSV', async () => {
    const dir = fixtureDir();
    const lines = [KLINE_HEADER_LINE, klineLine(T0, HOUR_MS), TAKER_ROW];
    const plain = await collect(parseKlines(writeFixture(dir, 'klines_1h/ETHUSDT.csv', lines)));
    const gz = await collect(parseKlines(writeFixture(dir, 'klines_1h/ETHUSDT.csv.gz', lines)));
    expect(gz).toEqual(plain);
    expect(gz).toHaveLength(2);
  });

  it('yields a problem for a bad number, an empty required field or a wrong field count, and goes on', async () => {
    const path = writeFixture(fixtureDir(), 'klines_1h/BTCUSDT.csv', [
      KLINE_HEADER_LINE,
      klineLine(T0, HOUR_MS, { high: 'abc' }),
      klineLine(T0 + HOUR_MS, HOUR_MS, { volume: '' }),
      klineLine(T0 + 2 * HOUR_MS, HOUR_MS, { close: 'NaN' }),
      `${T0 + 3 * HOUR_MS},1,2,3`,
      '',
      klineLine(T0 + 4 * HOUR_MS, HOUR_MS, { rest: '1.5,2.5,,' }),
      klineLine(T0 + 5 * HOUR_MS, HOUR_MS),
    ]);
    const items = await collect(parseKlines(path));
    expect(items.map((i) => [i.row, i.problem?.kind])).toEqual([
      [2, 'nan'],
      [3, 'nan'],
      [4, 'nan'],
      [5, 'unparseable'],
      [6, 'unparseable'],
      [7, 'nan'],
      [8, undefined],
    ]);
    expect(items[0]?.problem?.detail).toContain("high is not a finite number: 'abc'");
    expect(items[1]?.problem?.detail).toBe('volume is empty');
    expect(items[5]?.problem?.detail).toContain('count is not an integer');
  });

  it('stops with one problem at row 1 when the header differs', async () => {
    const path = writeFixture(fixtureDir(), 'klines_1h/BTCUSDT.csv', [
      'time,open,high',
      klineLine(T0, HOUR_MS),
    ]);
    const items = await collect(parseKlines(path));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ row: 1, problem: { kind: 'unparseable' } });
  });

  it('reports an empty file and a truncated gzip stream as problems instead of throwing', async () => {
    const dir = fixtureDir();
    const empty = writeFixture(dir, 'klines_1h/BTCUSDT.csv', []);
    writeFileSync(empty, '');
    expect(await collect(parseKlines(empty))).toEqual([
      { row: 1, problem: { kind: 'unparseable', detail: 'empty file: no header line' } },
    ]);
    const lines = [
      KLINE_HEADER_LINE,
      ...Array.from({ length: 2000 }, (_, i) => klineLine(T0 + i * HOUR_MS, HOUR_MS)),
    ];
    const whole = gzipSync(`${lines.join('\n')}\n`);
    const cut = join(dir, 'klines_1h', 'ETHUSDT.csv.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const items = await collect(parseKlines(cut));
    const last = items[items.length - 1];
    expect(last?.problem?.kind).toBe('unparseable');
    expect(last?.problem?.detail).toMatch(/cannot read the file/);
    expect(items.slice(0, -1).every((i) => i.value !== undefined)).toBe(true);
  });
});
