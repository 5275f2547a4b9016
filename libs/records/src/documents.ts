import type { CvdSourceName, RegimeClass } from './vocabulary.js';

/**
 * The JSONB documents of the recorder's tables, as written by the recorder and read by this module.
 * Keys are snake_case; factor names keep the plan's spelling (`T` … `F_v2`).
 */

/** Column `signal_snapshots.factors`: each factor null when its input was missing. */
export interface FactorsDocument {
  readonly T: number | null;
  readonly M: number | null;
  readonly C: number | null;
  readonly V: number | null;
  readonly O: number | null;
  readonly B: number | null;
  readonly F_v2: number | null;
  readonly unavailable: readonly string[];
  readonly cvd_source: CvdSourceName;
}

/** Column `signal_snapshots.market_state`: prices in quote currency, independence 0–100. */
export interface MarketStateDocument {
  readonly price: number;
  readonly atr: number;
  readonly independence: number;
  readonly market_regime: number;
  readonly regime_class: RegimeClass | null;
}

/** Column `signal_snapshots.predicted`: probability and fractions of notional/entry. */
export interface PredictedDocument {
  readonly p_calibrated: number;
  readonly ev_net: number;
  readonly tp_fraction: number;
  readonly sl_fraction: number;
}

/** Column `signal_snapshots.execution_intent`: limit price (quote currency), expected round-trip cost in bps. */
export interface ExecutionIntentDocument {
  readonly entry_price_limit: number;
  readonly expected_cost_bps: number;
}

/** One element of column `signal_snapshots.gates`. */
export interface GateDocument {
  readonly name: string;
  readonly passed: boolean;
  readonly reason_code: string;
  readonly observed: number | null;
  readonly threshold: number | null;
}

/** Column `execution_records.cost_breakdown`: each part in bps of notional. */
export interface CostBreakdownDocument {
  readonly spread_bps: number;
  readonly slippage_bps: number;
  readonly fee_bps: number;
  readonly funding_bps: number;
}
