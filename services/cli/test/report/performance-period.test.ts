import type { ClosedTradeRecord } from '@cryptosignal/records';
import { describe, expect, it } from 'vitest';
import { performanceOf } from '../../src/report/build-report.js';

const DAY_MS = 86_400_000;
const FROM_MS = Date.UTC(2025, 0, 6);

/** The result fields performanceOf reads; the rest of the record plays no part in the performance block. */
function closed(enteredAtMs: number, closedAtMs: number, pnlUsdt: number): ClosedTradeRecord {
  return {
    signal: {},
    execution: null,
    result: { enteredAtMs, closedAtMs, pnlUsdt },
  } as unknown as ClosedTradeRecord;
}

describe('performanceOf over a report period [from, to)', () => {
  it('counts the days of [from, to) only: a 7-day run ending at midnight has 7 daily returns', () => {
    const trades = [
      closed(FROM_MS + 3_600_000, FROM_MS + 2 * DAY_MS, 10),
      closed(FROM_MS, FROM_MS + 6 * DAY_MS + 1, -5),
    ];
    const perf = performanceOf(trades, {
      fromMs: FROM_MS,
      toMs: FROM_MS + 7 * DAY_MS,
      initialEquityUsdt: 1_000,
    });
    expect(perf.days).toBe(7);
    expect(perf.trades).toBe(2);
  });

  it('leaves out a trade closed at the end instant itself, which belongs to the next period', () => {
    const toMs = FROM_MS + 7 * DAY_MS;
    const perf = performanceOf([closed(FROM_MS, toMs, 10)], {
      fromMs: FROM_MS,
      toMs,
      initialEquityUsdt: 1_000,
    });
    expect(perf.trades).toBe(0);
  });
});
