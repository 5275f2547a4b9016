import type { Interval } from './ab-stats.js';
import { wilsonInterval } from './ab-stats.js';
import { GATE_NAMES, type GateName, type GateTradeRecord } from './records.js';

/** A trade is bad when it did not make money: pnl ≤ 0 after costs (a breakeven that cost fees is not a win). */
export function isBadTrade(record: Pick<GateTradeRecord, 'pnlPct'>): boolean {
  return record.pnlPct <= 0;
}

/**
 * How well one gate filters, from the shadow trades it rejected: `accuracy` = bad / rejected (null when it
 * rejected none) with a Wilson interval; `avoided_pnl` = −Σ pnl of the rejected (> 0: the gate saved money).
 */
export interface GateFilterAccuracy {
  readonly gate: GateName;
  readonly rejected: number;
  readonly bad: number;
  readonly accuracy: number | null;
  readonly accuracy_ci: Interval | null;
  readonly avoided_pnl: number;
}

/** Filtering accuracy of every gate, next to the bad-trade rate of executed trades (the base rate to beat). */
export interface FilteringAccuracyReport {
  readonly executed: number;
  readonly base_bad_rate: number | null;
  readonly gates: readonly GateFilterAccuracy[];
}

/**
 * Returns the filtering accuracy per gate from shadow trades: among the shadow trades a gate rejected (the
 * gate appears in `rejectedBy`; a trade rejected by two gates counts for both), the share that were bad
 * (pnl ≤ 0). A gate is useful when its accuracy is above `base_bad_rate`, the bad share of executed
 * (non-shadow) trades. Gates appear in evaluation order.
 */
export function gateFilteringAccuracy(
  records: readonly GateTradeRecord[],
  confidence = 0.95,
): FilteringAccuracyReport {
  const executed = records.filter((r) => !r.shadow);
  const gates = GATE_NAMES.map((gate): GateFilterAccuracy => {
    const rejected = records.filter((r) => r.shadow && (r.rejectedBy ?? []).includes(gate));
    const bad = rejected.filter(isBadTrade).length;
    return {
      gate,
      rejected: rejected.length,
      bad,
      accuracy: rejected.length === 0 ? null : bad / rejected.length,
      accuracy_ci: wilsonInterval(bad, rejected.length, confidence),
      avoided_pnl: -rejected.reduce((s, r) => s + r.pnlPct, 0),
    };
  });
  return {
    executed: executed.length,
    base_bad_rate: executed.length === 0 ? null : executed.filter(isBadTrade).length / executed.length,
    gates,
  };
}
