import { DAY_MS, HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { type ValidateOptions, validateFile } from '../src/index.js';
import { fixtureDir, KLINE_HEADER_LINE, klineLine, klineLines, T0, writeFixture } from './helpers.js';

async function problems(relPath: string, lines: string[], options: ValidateOptions = {}) {
  const report = await validateFile(
    writeFixture(fixtureDir(), relPath, [KLINE_HEADER_LINE, ...lines]),
    options,
  );
  return report.problems.map(({ row, kind, detail }) => ({ row, kind, detail }));
}

const H = HOUR_MS;

describe('validateFile on klines', () => {
  it('finds nothing in a clean file', async () => {
    expect(await problems('klines_1h/BTCUSDT.csv', klineLines(T0, H, 48))).toEqual([]);
  });

  it('reports a 1m series jumping 05:59 -> 07:00 as exactly 60 missing minutes, at the 07:00 row', async () => {
    const day = Date.UTC(2024, 11, 1);
    const lines = [...klineLines(day + 5 * H, MINUTE_MS, 60), ...klineLines(day + 7 * H, MINUTE_MS, 3)];
    expect(await problems('klines_1m/BTCUSDT.csv', lines)).toEqual([
      {
        row: 62,
        kind: 'gap',
        detail: '60 missing 1m bars between 2024-12-01T05:59:00.000Z and 2024-12-01T07:00:00.000Z',
      },
    ]);
  });

  it('reports a duplicated bar once, without a gap or out_of_order after it', async () => {
    const lines = klineLines(T0, H, 4);
    lines.splice(2, 0, lines[1]!);
    expect(await problems('klines_1h/BTCUSDT.csv', lines)).toEqual([
      { row: 4, kind: 'duplicate', detail: '2023-03-21T01:00:00.000Z repeats' },
    ]);
  });

  it('tells a repeat of an earlier bar (duplicate) from a bar out of place (out_of_order)', async () => {
    const lines = [
      ...klineLines(T0, H, 3),
      klineLine(T0, H),
      klineLine(T0 + 4 * H, H),
      klineLine(T0 + 3 * H, H),
    ];
    const found = await problems('klines_1h/BTCUSDT.csv', lines);
    expect(found.map((p) => [p.row, p.kind])).toEqual([
      [5, 'duplicate'],
      [6, 'gap'],
      [7, 'out_of_order'],
    ]);
  });

  it('reports an open_time off the interval grid as unaligned and leaves it out of the gap count', async () => {
    const lines = [klineLine(T0, H), klineLine(T0 + 90 * MINUTE_MS, H), klineLine(T0 + H, H)];
    const found = await problems('klines_1h/BTCUSDT.csv', lines);
    expect(found).toEqual([
      {
        row: 3,
        kind: 'unaligned',
        detail: '2023-03-21T01:30:00.000Z is 1800000 ms past the 3600000 ms grid',
      },
    ]);
  });

  it('reports a bad number as nan and keeps checking the rows after it', async () => {
    const lines = [klineLine(T0, H), klineLine(T0 + H, H, { open: 'x' }), klineLine(T0 + 2 * H, H)];
    expect((await problems('klines_1h/BTCUSDT.csv', lines)).map((p) => [p.row, p.kind])).toEqual([
      [3, 'nan'],
    ]);
  });

  it('reports a gap behind an unreadable row only when it is wider than the unreadable rows', async () => {
    const bad = klineLine(T0 + H, H, { open: '' });
    const filled = [klineLine(T0, H), bad, klineLine(T0 + 2 * H, H)];
    expect((await problems('klines_1h/BTCUSDT.csv', filled)).map((p) => p.kind)).toEqual(['nan']);
    const wider = [klineLine(T0, H), bad, klineLine(T0 + 3 * H, H)];
    expect((await problems('klines_1h/BTCUSDT.csv', wider)).map((p) => [p.row, p.kind])).toEqual([
      [3, 'nan'],
      [4, 'gap'],
    ]);
  });

  it('reports a non-positive price', async () => {
    const found = await problems('klines_1h/BTCUSDT.csv', [klineLine(T0, H, { low: '0', open: '0' })]);
    expect(found.map((p) => p.kind)).toEqual(['non_positive']);
  });

  it('reports high < low once, and open or close outside [low, high]', async () => {
    const swapped = await problems('klines_1h/BTCUSDT.csv', [klineLine(T0, H, { high: '90', low: '110' })]);
    expect(swapped).toEqual([{ row: 2, kind: 'high_low', detail: 'high 90 < low 110' }]);
    const outside = await problems('klines_1h/BTCUSDT.csv', [klineLine(T0, H, { close: '111' })]);
    expect(outside.map((p) => [p.kind, p.detail])).toEqual([
      ['high_low', 'open 100 / close 111 outside [low 90, high 110]'],
    ]);
  });

  it('reports negative volume and taker-buy volume above volume', async () => {
    const negative = await problems('klines_1h/BTCUSDT.csv', [klineLine(T0, H, { volume: '-1' })]);
    expect(negative.map((p) => [p.kind, p.detail])).toEqual([['negative_volume', 'volume -1 < 0']]);
    const taker = await problems('klines_1h_spot_taker/BTCUSDT.csv', [
      klineLine(T0, H, { rest: '1000,10,13,500' }),
      klineLine(T0 + H, H, { rest: '1000,10,12,1000.5' }),
      klineLine(T0 + 2 * H, H, { rest: '1000,10,12.5,1000' }),
    ]);
    expect(taker.map((p) => [p.row, p.kind, p.detail])).toEqual([
      [2, 'taker_above_volume', 'taker_buy_volume 13 > volume 12.5'],
      [3, 'taker_above_volume', 'taker_buy_quote_volume 1000.5 > quote_volume 1000'],
    ]);
  });

  it('reports a bar whose close_time is not open_time + interval - 1 ms, or after the as-of time', async () => {
    const cut = await problems('klines_1h/BTCUSDT.csv', [
      klineLine(T0, H),
      klineLine(T0 + H, H, { closeTime: String(T0 + H + 1234) }),
    ]);
    expect(cut.map((p) => [p.row, p.kind])).toEqual([[3, 'incomplete_candle']]);
    const lines = klineLines(T0, H, 3);
    expect(await problems('klines_1h/BTCUSDT.csv', lines, { asOfMs: T0 + 3 * H })).toEqual([]);
    const open = await problems('klines_1h/BTCUSDT.csv', lines, { asOfMs: T0 + 2 * H + 5 * MINUTE_MS });
    expect(open.map((p) => [p.row, p.kind])).toEqual([[4, 'incomplete_candle']]);
  });

  it('checks daily bars on the UTC-midnight grid', async () => {
    const day = Date.UTC(2023, 6, 6);
    expect(await problems('klines_1d_taker/ETHUSDT.csv', klineLines(day, DAY_MS, 5))).toEqual([]);
    const lines = [klineLine(day, DAY_MS), klineLine(day + 3 * DAY_MS, DAY_MS)];
    expect((await problems('klines_1d_taker/ETHUSDT.csv', lines))[0]?.detail).toMatch(/^2 missing 1d bars/);
  });
});
