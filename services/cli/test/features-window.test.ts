import { aggregateTradeFlow } from '@cryptosignal/features';
import type { Trade } from '@cryptosignal/marketdata';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportWindow, parseWindowStart } from '../src/features/export-window.js';
import { type FlowWindow, hourlyFlowOfWindows } from '../src/features/flow-hours.js';

const H = 3_600_000;
const M = 60_000;
const T0 = Date.parse('2025-08-01T00:00:00Z');

describe('features export window', () => {
  it('parses a UTC time or a span in days or hours before the end', () => {
    expect(parseWindowStart('2025-08-01')).toEqual({ atMs: T0 });
    expect(parseWindowStart('-120d')).toEqual({ beforeMs: 120 * 24 * H });
    expect(parseWindowStart('-36h')).toEqual({ beforeMs: 36 * H });
    expect(() => parseWindowStart('-0d')).toThrow(/at least 1/);
    expect(() => parseWindowStart('120d')).toThrow(/-120d/);
  });

  it('counts a span back from --to, else from the start of the current hour, which then ends the export', () => {
    const nowMs = T0 + 10 * H + 25 * M;
    expect(exportWindow({ beforeMs: 2 * H }, T0, nowMs)).toEqual({ fromMs: T0 - 2 * H, toMs: T0 });
    expect(exportWindow({ beforeMs: 2 * H }, undefined, nowMs)).toEqual({
      fromMs: T0 + 8 * H,
      toMs: T0 + 10 * H,
    });
    expect(exportWindow({ atMs: T0 }, undefined, nowMs)).toEqual({ fromMs: T0 });
    expect(exportWindow(undefined, T0, nowMs)).toEqual({ toMs: T0 });
    expect(() => exportWindow({ atMs: T0 }, T0, nowMs)).toThrow('--from must be before --to');
  });
});

/** The collector's 1m windows of `trades` (sorted): every minute from the first trade's to the last, the last cut at the last trade + 1 ms. */
function minuteWindows(trades: readonly Trade[]): FlowWindow[] {
  const first = trades[0];
  const last = trades[trades.length - 1];
  if (!first || !last) return [];
  const out: FlowWindow[] = [];
  for (let start = Math.floor(first.timestamp / M) * M; start <= last.timestamp; start += M) {
    const inside = trades.filter((t) => t.timestamp >= start && t.timestamp < start + M);
    out.push({
      startMs: start,
      endMs: Math.min(start + M, last.timestamp + 1),
      buyVolume: inside.filter((t) => !t.isBuyerMaker).reduce((s, t) => s + t.qty, 0),
      sellVolume: inside.filter((t) => t.isBuyerMaker).reduce((s, t) => s + t.qty, 0),
    });
  }
  return out;
}

describe('hourlyFlowOfWindows', () => {
  it('gives the hours aggregateTradeFlow gives over the trades, when the recording starts on a minute', () => {
    const trade = fc.record({
      offsetMs: fc.integer({ min: 0, max: 5 * H }),
      qty: fc.integer({ min: 0, max: 1000 }),
      isBuyerMaker: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(trade, { minLength: 1, maxLength: 60 }), (raw) => {
        const trades = raw
          .map((t, i) => ({
            symbol: 'ETHUSDT',
            timestamp: T0 + t.offsetMs,
            tradeId: i,
            price: 100,
            qty: t.qty,
            isBuyerMaker: t.isBuyerMaker,
          }))
          .sort((a, b) => a.timestamp - b.timestamp) as unknown as Trade[];
        const onMinute = [
          { ...trades[0], timestamp: Math.floor((trades[0] as Trade).timestamp / M) * M } as Trade,
          ...trades,
        ];
        const last = onMinute[onMinute.length - 1] as Trade;
        expect(hourlyFlowOfWindows(minuteWindows(onMinute))).toEqual(
          aggregateTradeFlow(onMinute, H, (onMinute[0] as Trade).timestamp, last.timestamp + 1),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('returns none without windows', () => {
    expect(hourlyFlowOfWindows([])).toEqual([]);
  });
});
