import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLD_HOURS_TOLERANCE, resultInconsistency } from '../../../src/domain/result-consistency.js';
import { type ResultRow, resultRow } from '../../../src/domain/result-row.js';
import { tradeChain } from '../../support/trade-events.js';

const base = (i = 1): ResultRow => resultRow(tradeChain(i).result, 0);

describe('resultInconsistency', () => {
  it('accepts the results a paper executor produces', () => {
    for (let i = 0; i < 24; i += 1) expect(resultInconsistency(base(i))).toBeUndefined();
  });

  it('refuses a win that lost money, a loss that earned, and opposite pnl signs', () => {
    expect(resultInconsistency({ ...base(), outcome: 'win', pnl_pct: -0.01, pnl_usdt: -10 })).toMatch(
      /outcome win/,
    );
    expect(resultInconsistency({ ...base(), outcome: 'loss', pnl_pct: 0.01, pnl_usdt: 10 })).toMatch(
      /outcome loss/,
    );
    expect(resultInconsistency({ ...base(), pnl_usdt: -5 })).toMatch(/opposite signs/);
  });

  it('refuses funding charged with funding_source none', () => {
    expect(resultInconsistency({ ...base(), funding_source: 'none', funding_cost_bps: 1 })).toMatch(
      /funding_source none/,
    );
    expect(resultInconsistency({ ...base(), funding_source: 'none', funding_cost_bps: 0 })).toBeUndefined();
  });

  it('accepts hold_hours within one minute of the entry→exit span and refuses anything further', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 * 60 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (spanMinutes, offMinutes) => {
          const row = base();
          const enteredMs = Date.parse(row.entered_at);
          const closed_at = new Date(enteredMs + spanMinutes * 60_000).toISOString();
          const hold_hours = spanMinutes / 60 + offMinutes / 60;
          const verdict = resultInconsistency({ ...row, closed_at, hold_hours });
          const within = Math.abs(offMinutes / 60) <= HOLD_HOURS_TOLERANCE;
          expect(verdict === undefined).toBe(within);
        },
      ),
    );
  });
});
