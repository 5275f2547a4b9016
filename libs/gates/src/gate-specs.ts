import { type GateName, type GateTradeRecord, isAdverse } from './records.js';

/**
 * How one gate is swept. `passes(r, t)` is the gate's rule at threshold t; `applies(r)` says whether the gate's
 * threshold can decide r at all (its input is available, and for the market gate the trade is adverse).
 * `population` says which trades a row describes — those that pass ('passing') or those it rejects
 * ('rejected') — and `objective` whether the best row maximises or minimises the Sharpe proxy.
 */
export interface GateSweepSpec {
  readonly gate: GateName;
  readonly thresholds: readonly number[];
  readonly currentThreshold: number;
  readonly minTrades: number;
  readonly population: 'passing' | 'rejected';
  readonly objective: 'max' | 'min';
  readonly applies: (r: GateTradeRecord) => boolean;
  readonly passes: (r: GateTradeRecord, threshold: number) => boolean;
}

/** Returns `from`, `from + step`, … up to and including `to` (integers only, so no float drift). */
export function thresholdRange(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t += step) out.push(t);
  return out;
}

/** Gate2 (F gate), plan 3.1: passes when F_dir ≥ t; t = −30…+5 step 5, current −15, ≥ 50 passing trades. */
export const F_GATE_SPEC: GateSweepSpec = {
  gate: 'gate2_f',
  thresholds: thresholdRange(-30, 5, 5),
  currentThreshold: -15,
  minTrades: 50,
  population: 'passing',
  objective: 'max',
  applies: (r) => r.gateInputs.fDir !== undefined,
  passes: (r, t) => r.gateInputs.fDir! >= t,
};

/**
 * Gate3 (market gate), plan 3.1: over ADVERSE trades only (against a market beyond ±30), the gate rejects
 * I < t; t = 20…40 step 5, current 30. As in the plan each row describes the adverse trades the gate would
 * REJECT (I < t), needs ≥ 20 of them, and the best threshold is the one whose rejected group has the lowest
 * Sharpe proxy among groups that lose money (a gate should only reject losers).
 */
export const MARKET_GATE_SPEC: GateSweepSpec = {
  gate: 'gate3_market',
  thresholds: thresholdRange(20, 40, 5),
  currentThreshold: 30,
  minTrades: 20,
  population: 'rejected',
  objective: 'min',
  applies: (r) => r.gateInputs.independence !== undefined && isAdverse(r.gateInputs),
  passes: (r, t) => r.gateInputs.independence! >= t,
};

/** Gate1 (data quality), plan 3.2: passes when bars ≥ t; t ∈ {50, 75, 100, 150, 200, 300}, current 100. */
export const BARS_GATE_SPEC: GateSweepSpec = {
  gate: 'gate1_data_quality',
  thresholds: [50, 75, 100, 150, 200, 300],
  currentThreshold: 100,
  minTrades: 50,
  population: 'passing',
  objective: 'max',
  applies: () => true,
  passes: (r, t) => r.gateInputs.bars >= t,
};

/**
 * Gate4 (cost gate), plan 3.2: passes when predicted EV_net > t (a fraction); t from −0.2 % to +0.3 %,
 * current 0, ≥ 50 passing trades.
 */
export const EV_GATE_SPEC: GateSweepSpec = {
  gate: 'gate4_cost',
  thresholds: [-0.002, -0.001, 0, 0.0005, 0.001, 0.002, 0.003],
  currentThreshold: 0,
  minTrades: 50,
  population: 'passing',
  objective: 'max',
  applies: () => true,
  passes: (r, t) => r.gateInputs.predictedEv > t,
};
