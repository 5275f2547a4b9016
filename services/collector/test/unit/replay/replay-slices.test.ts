import { describe, expect, it } from 'vitest';
import { eventTimeMs } from '../../../src/domain/market-event.js';
import { replaySlices } from '../../../src/replay/replay-slices.js';
import { KLINE_HEADER, klineLine, makeDataDir } from '../../support/data-dir.js';

const H = 3_600_000;
const M = 60_000;
const T = Date.UTC(2024, 0, 1);

async function collect(iterable: AsyncIterable<import('../../../src/replay/replay-slices.js').ReplaySlice>) {
  const slices = [];
  for await (const slice of iterable) slices.push(slice);
  return slices;
}

const dir = makeDataDir({
  'klines_1h/ETHUSDT.csv': [
    KLINE_HEADER,
    klineLine(T, [10, 11, 9, 10, 1]),
    klineLine(T + H, [10, 11, 9, 10, 1]),
  ],
  'klines_1h/BTCUSDT.csv': [
    KLINE_HEADER,
    klineLine(T, [100, 110, 90, 105, 1]),
    klineLine(T + H, [100, 90, 95, 100, 1]), // high < low: quarantined
  ],
  'klines_1m/ETHUSDT.csv': [
    KLINE_HEADER,
    klineLine(T + 59 * M, [10, 11, 9, 10, 1], M),
    klineLine(T + 60 * M, [10, 11, 9, 10, 1], M),
  ],
  'funding/ETHUSDT.csv': ['symbol,funding_time,funding_rate,mark_price', `ETHUSDT,${T + 7},0.0001,`],
  'klines_1h_spot/SOLUSDT.csv': [KLINE_HEADER, klineLine(T, [20, 21, 19, 20, 5])],
  'klines_1h_spot_taker/SOLUSDT.csv': [
    KLINE_HEADER,
    klineLine(T, [20, 21, 19, 20, 5], H, '100,7,2,40,0'),
    klineLine(T + H, [20, 21, 19, 20, 5], H, '100,7,2,40,0'),
  ],
  'klines_1h_spot/ADAUSDT.csv': [KLINE_HEADER, klineLine(T, [1, 2, 0.5, 1, 5])],
  'klines_1h_spot_taker/ADAUSDT.csv': [KLINE_HEADER, klineLine(T, [1, 2, 0.5, 1.5, 5], H, '5,7,2,4,0')],
});

describe('replaySlices', () => {
  it('yields hour slices in event-time order with the 1h bars last, BTC first', async () => {
    const slices = await collect(replaySlices({ dataDir: dir }));
    expect(slices.map((s) => s.untilMs)).toEqual([T + H, T + 2 * H]);
    const first = slices[0]!;
    const names = first.events.map((e) =>
      e.kind === 'kline' ? `${e.value.symbol}/${e.value.interval}/${e.value.market}` : e.kind,
    );
    expect(names).toEqual([
      'funding',
      'ETHUSDT/1m/perp',
      'BTCUSDT/1h/perp',
      'ADAUSDT/1h/spot',
      'ETHUSDT/1h/perp',
      'SOLUSDT/1h/spot',
    ]);
    for (const slice of slices)
      for (const event of slice.events) {
        expect(eventTimeMs(event)).toBeGreaterThanOrEqual(slice.untilMs - H);
        expect(eventTimeMs(event)).toBeLessThan(slice.untilMs);
      }
  });

  it('merges a bar held by two files and quarantines bad rows and disagreeing copies, with file and line', async () => {
    const [first] = await collect(replaySlices({ dataDir: dir }));
    const sol = first!.events.find((e) => e.kind === 'kline' && e.value.symbol === 'SOLUSDT');
    expect(sol?.kind === 'kline' && sol.value.takerBuyVolume).toBe(2);
    // A rejected row travels with the last accepted row of its file, so BTC's bad second bar is in slice 1.
    expect(first!.rejected.map((r) => [r.reason, r.sourceRef, r.row])).toEqual([
      ['high_low', 'klines_1h/BTCUSDT.csv', 3],
      ['conflict', 'klines_1h_spot_taker/ADAUSDT.csv', 2],
    ]);
  });

  it('keeps to the requested range and symbols', async () => {
    const slices = await collect(
      replaySlices({ dataDir: dir, symbols: ['ETHUSDT'], fromMs: T + H, toMs: T + 2 * H }),
    );
    const bars = slices.flatMap((s) =>
      s.events.map((e) => e.kind === 'kline' && [e.value.interval, e.value.openTime]),
    );
    expect(bars).toEqual([
      ['1m', T + H],
      ['1h', T + H],
    ]);
  });

  it('paces slices at N× real time through the injected sleep', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    await collect(replaySlices({ dataDir: dir, speed: 3_600, sleep }));
    expect(waits).toEqual([1_000]);
  });
});
