import { HOUR_MS } from '@cryptosignal/domain';
import type { TradeFlow } from '@cryptosignal/features';

/** One stored taker-flow window (the collector's `trade_flow` row): [startMs, endMs), volumes in base asset. */
export interface FlowWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly buyVolume: number;
  readonly sellVolume: number;
}

/**
 * Returns the hourly taker flow of the hours that `windows` (one recording's consecutive windows, e.g. the
 * collector's 1m windows, in time order) cover entirely: from the first hour starting at or after the first
 * window's start to the last hour ending at or before the last window's end, each hour the sum of the windows
 * inside it (0 for an hour without one). The same rule as `aggregateTradeFlow` over the trades themselves, with
 * the recording's span taken from its windows. None for no windows.
 */
export function hourlyFlowOfWindows(windows: readonly FlowWindow[]): TradeFlow[] {
  const first = windows[0];
  const last = windows[windows.length - 1];
  if (first === undefined || last === undefined) return [];
  const firstHourMs = Math.ceil(first.startMs / HOUR_MS) * HOUR_MS;
  const byHour = new Map<number, { buy: number; sell: number }>();
  for (const w of windows) {
    const hourMs = Math.floor(w.startMs / HOUR_MS) * HOUR_MS;
    if (hourMs < firstHourMs || hourMs + HOUR_MS > last.endMs) continue;
    const hour = byHour.get(hourMs) ?? { buy: 0, sell: 0 };
    hour.buy += w.buyVolume;
    hour.sell += w.sellVolume;
    byHour.set(hourMs, hour);
  }
  const out: TradeFlow[] = [];
  for (let openTime = firstHourMs; openTime + HOUR_MS <= last.endMs; openTime += HOUR_MS) {
    const hour = byHour.get(openTime) ?? { buy: 0, sell: 0 };
    out.push({ openTime, buyVolume: hour.buy, sellVolume: hour.sell });
  }
  return out;
}
