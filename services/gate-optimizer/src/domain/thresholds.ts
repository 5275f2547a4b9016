import { createHash } from 'node:crypto';
import {
  BARS_GATE_SPEC,
  EV_GATE_SPEC,
  F_GATE_SPEC,
  type GateName,
  type GateSweepSpec,
  MARKET_GATE_SPEC,
} from '@cryptosignal/gates';

/**
 * The thresholds of gates 1–4, named as the pipeline names them (its `GateThresholds`): Gate1 passes with
 * bars ≥ minBars; Gate2 with F_dir ≥ minFDir; Gate3 rejects I < minIndependence against a market beyond
 * ±marketRegimeThreshold; Gate4 passes with EV_net > minEvNet (a fraction of notional).
 */
export interface GateThresholdSet {
  readonly minBars: number;
  readonly minFDir: number;
  readonly minIndependence: number;
  readonly marketRegimeThreshold: number;
  readonly minEvNet: number;
}

/** The plan's initial thresholds (plan 3.2): bars ≥ 100, F_dir ≥ −15, I < 30 against a market beyond ±30, EV > 0. */
export const INITIAL_GATE_THRESHOLDS: GateThresholdSet = Object.freeze({
  minBars: 100,
  minFDir: -15,
  minIndependence: 30,
  marketRegimeThreshold: 30,
  minEvNet: 0,
});

/** Which field of the set each swept gate tunes (Gate3's regime threshold is not swept, as in the plan). */
export const SWEPT_FIELD: Readonly<Record<GateName, keyof GateThresholdSet>> = Object.freeze({
  gate1_data_quality: 'minBars',
  gate2_f: 'minFDir',
  gate3_market: 'minIndependence',
  gate4_cost: 'minEvNet',
});

/**
 * Returns the sweep specs of the four gates (libs/gates, plan 3.1–3.2) with `current` as their current
 * thresholds. Gate1's spec only decides records whose bar count was observed (finite).
 */
export function sweepSpecs(current: GateThresholdSet): readonly GateSweepSpec[] {
  return [
    {
      ...BARS_GATE_SPEC,
      currentThreshold: current.minBars,
      applies: (r) => Number.isFinite(r.gateInputs.bars),
    },
    { ...F_GATE_SPEC, currentThreshold: current.minFDir },
    { ...MARKET_GATE_SPEC, currentThreshold: current.minIndependence },
    { ...EV_GATE_SPEC, currentThreshold: current.minEvNet },
  ];
}

/** Returns `set` with the swept field of `gate` replaced by `threshold`. */
export function withThreshold(set: GateThresholdSet, gate: GateName, threshold: number): GateThresholdSet {
  return { ...set, [SWEPT_FIELD[gate]]: threshold };
}

/** Returns true when both sets hold the same five thresholds. */
export function sameThresholds(a: GateThresholdSet, b: GateThresholdSet): boolean {
  return (Object.keys(INITIAL_GATE_THRESHOLDS) as (keyof GateThresholdSet)[]).every((k) => a[k] === b[k]);
}

/** Returns the content id of a set: `gates-<first 16 hex digits of SHA-256 of its fields in fixed order>`. */
export function thresholdsVersion(set: GateThresholdSet): string {
  const text = JSON.stringify([
    set.minBars,
    set.minFDir,
    set.minIndependence,
    set.marketRegimeThreshold,
    set.minEvNet,
  ]);
  return `gates-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
