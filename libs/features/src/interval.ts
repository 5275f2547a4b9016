import { DAY_MS, HOUR_MS, type KlineInterval, MINUTE_MS } from '@cryptosignal/domain';

/** Returns the length of a kline interval in milliseconds. */
export function intervalMs(interval: KlineInterval): number {
  switch (interval) {
    case '1m':
      return MINUTE_MS;
    case '1h':
      return HOUR_MS;
    case '1d':
      return DAY_MS;
  }
}
