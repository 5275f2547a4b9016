import type { Kline, MarketKind, SymbolId, UnixMs } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';

/** Start of the synthetic series: 2024-01-01 00:00 UTC. */
export const T0 = 1_704_067_200_000;

/** Returns a 1h kline of `symbol` opening at `openTime` with the given fields. */
export function bar(
  symbol: string,
  openTime: number,
  p: Partial<Omit<Kline, 'symbol'>> & { close: number },
  market: MarketKind = 'perp',
): Kline {
  const open = p.open ?? p.close;
  return {
    symbol: symbol as SymbolId,
    interval: '1h',
    market,
    openTime: openTime as UnixMs,
    closeTime: (openTime + HOUR_MS - 1) as UnixMs,
    open,
    high: p.high ?? Math.max(open, p.close) * 1.001,
    low: p.low ?? Math.min(open, p.close) * 0.999,
    close: p.close,
    volume: p.volume ?? 100,
    ...(p.takerBuyVolume !== undefined ? { takerBuyVolume: p.takerBuyVolume } : {}),
  };
}

/**
 * Returns `n` hourly bars of a steady trend (log drift per bar with a small zig-zag), starting at `start`:
 * strong enough that T, M and V agree and the confidence clears 60 once the windows are warm.
 */
export function trend(
  symbol: string,
  n: number,
  start = T0,
  drift = 0.004,
  market: MarketKind = 'perp',
): Kline[] {
  const out: Kline[] = [];
  let close = 100;
  for (let i = 0; i < n; i += 1) {
    const open = close;
    close = open * Math.exp(drift + 0.0015 * Math.sin(i * 1.3));
    out.push(bar(symbol, start + i * HOUR_MS, { open, close, volume: 100 + 60 * ((i * 7) % 5) }, market));
  }
  return out;
}
