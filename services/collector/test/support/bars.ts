import type { Kline, KlineInterval, MarketKind } from '@cryptosignal/domain';
import { HOUR_MS, MINUTE_MS, parseSymbol, type UnixMs } from '@cryptosignal/domain';

const INTERVAL_MS: Record<KlineInterval, number> = { '1m': MINUTE_MS, '1h': HOUR_MS, '1d': 24 * HOUR_MS };

/** Returns a consistent bar (open 100, high 110, low 90, close 105, volume 7) with the given overrides. */
export function bar(
  openTime: number,
  overrides: Omit<Partial<Kline>, 'symbol'> & {
    symbol?: string;
    interval?: KlineInterval;
    market?: MarketKind;
  } = {},
): Kline {
  const interval = overrides.interval ?? '1h';
  return {
    interval,
    market: 'perp',
    open: 100,
    high: 110,
    low: 90,
    close: 105,
    volume: 7,
    ...overrides,
    symbol: parseSymbol(overrides.symbol ?? 'ETHUSDT'),
    openTime: openTime as UnixMs,
    closeTime: (openTime + INTERVAL_MS[interval] - 1) as UnixMs,
  };
}
