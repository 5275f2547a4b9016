import type { UnixMs } from '@cryptosignal/domain';
import { parseSymbol } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { eventSymbol, eventTimeMs, type MarketEvent } from '../../../src/domain/market-event.js';
import { compareInSlice, referencePrefixLength, sliceEndMs } from '../../../src/domain/replay-order.js';
import { bar } from '../../support/bars.js';

const H = 3_600_000;
const T = Date.UTC(2024, 0, 1, 10);

const k = (
  symbol: string,
  openTime: number,
  interval: '1m' | '1h' = '1h',
  market: 'perp' | 'spot' = 'perp',
) => ({ kind: 'kline', value: bar(openTime, { symbol, interval, market }) }) as MarketEvent;
const funding = (symbol: string, t: number) =>
  ({
    kind: 'funding',
    value: { symbol: parseSymbol(symbol), fundingTime: t as UnixMs, rate: 0.0001 },
  }) as MarketEvent;

describe('slices', () => {
  it('puts an event in the slice ending at the first hour boundary after its event time', () => {
    expect(sliceEndMs(eventTimeMs(k('ETHUSDT', T)))).toBe(T + H); // 1h bar closing at T+1h
    expect(sliceEndMs(eventTimeMs(k('ETHUSDT', T + H - 60_000, '1m')))).toBe(T + H); // last 1m bar of the hour
    expect(sliceEndMs(T + H)).toBe(T + 2 * H); // a funding at exactly T+1h is known after the bar
  });

  it('orders by event time, then puts the 1h bars last with BTC perp and spot first', () => {
    const events = [
      k('ETHUSDT', T),
      k('ADAUSDT', T),
      k('BTCUSDT', T, '1h', 'spot'),
      funding('ETHUSDT', T + 10),
      k('ETHUSDT', T + 59 * 60_000, '1m'),
      k('BTCUSDT', T),
      k('ADAUSDT', T + 5 * 60_000, '1m'),
    ];
    const ordered = [...events].sort(compareInSlice);
    const names = ordered.map((e) =>
      e.kind === 'kline'
        ? `${e.value.symbol}/${e.value.interval}/${e.value.market}`
        : `${e.kind}/${eventSymbol(e)}`,
    );
    expect(names).toEqual([
      'funding/ETHUSDT',
      'ADAUSDT/1m/perp',
      'ETHUSDT/1m/perp',
      'BTCUSDT/1h/perp',
      'BTCUSDT/1h/spot',
      'ADAUSDT/1h/perp',
      'ETHUSDT/1h/perp',
    ]);
    expect(referencePrefixLength(ordered)).toBe(5);
  });

  it('has no reference prefix beyond the non-bar events when BTC has no bar this hour', () => {
    const ordered = [funding('ETHUSDT', T), k('ETHUSDT', T)].sort(compareInSlice);
    expect(referencePrefixLength(ordered)).toBe(1);
  });
});
