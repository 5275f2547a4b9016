import type { Side } from '@cryptosignal/domain';

/** Gates in evaluation order, named as the pipeline records them. */
export type GateName = 'gate1_data_quality' | 'gate2_f' | 'gate3_market' | 'gate4_cost';

/** All gates, in evaluation order. */
export const GATE_NAMES: readonly GateName[] = [
  'gate1_data_quality',
  'gate2_f',
  'gate3_market',
  'gate4_cost',
];

/**
 * What the gates saw for a signal (from signal_snapshots). `undefined` means the input was unavailable
 * for that bar; a gate with an unavailable input passes, so no threshold decides such a trade.
 */
export interface GateInputs {
  /** F_dir = F_v2 for a long, −F_v2 for a short (see directionalF). */
  readonly fDir: number | undefined;
  /** Independence I from the market, 0–100. */
  readonly independence: number | undefined;
  /** Market regime, −100 (strong down) … +100 (strong up). */
  readonly marketRegime: number | undefined;
  readonly side: Side;
  /** Bars of history available to the factors (Gate1). */
  readonly bars: number;
  /** Predicted EV_net, a fraction of notional (0.002 = 0.2 %), the same unit as pnlPct. */
  readonly predictedEv: number;
}

/** Outcome label of a closed trade (trade_results.outcome). */
export type Outcome = 'win' | 'loss' | 'breakeven';

/**
 * A signal with its realised result, executed or followed as a shadow trade. `pnlPct` is report.json's
 * pnl_pct: a FRACTION of notional after all costs (0.012 = +1.2 %). `rejectedBy` lists every gate that rejected
 * the signal at the thresholds in force (empty or absent for an executed trade).
 */
export interface GateTradeRecord {
  readonly signalId: string;
  readonly gateInputs: GateInputs;
  readonly pnlPct: number;
  readonly outcome: Outcome;
  /** Close time of the (possibly shadow) trade, ms UTC. */
  readonly closeMs: number;
  readonly shadow: boolean;
  readonly rejectedBy?: readonly GateName[];
}

/** Returns F_dir: F_v2 for a long and −F_v2 for a short (plan 3.1), `undefined` when F_v2 is unavailable. */
export function directionalF(fV2: number | undefined, side: Side): number | undefined {
  if (fV2 === undefined) return undefined;
  return side === 'long' ? fV2 : -fV2;
}

/**
 * Returns true when the trade goes against the market (plan 3.1): market_regime < −threshold for a long, or
 * > +threshold for a short; false when the regime is unavailable.
 */
export function isAdverse(inputs: GateInputs, regimeThreshold = 30): boolean {
  const m = inputs.marketRegime;
  if (m === undefined) return false;
  return (m < -regimeThreshold && inputs.side === 'long') || (m > regimeThreshold && inputs.side === 'short');
}

/** Returns true when no gate other than `gate` rejected the record, so `gate`'s threshold alone decides it. */
export function onlyDecidedBy(record: GateTradeRecord, gate: GateName): boolean {
  return (record.rejectedBy ?? []).every((g) => g === gate);
}
