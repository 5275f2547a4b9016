import type { Side } from '@cryptosignal/domain';

/** Thresholds of gates 1–4 (plan 3.2 initial values in DEFAULT_GATE_THRESHOLDS); changed at run time via config.gates. */
export interface GateThresholds {
  /** Gate1: minimum number of consecutive 1h bars of history (plan: 100). */
  readonly minBars: number;
  /** Gate2: minimum F_dir, where F_dir = F_v2 for a long and −F_v2 for a short (plan: −15). */
  readonly minFDir: number;
  /** Gate3: independence below which a trade against the market is rejected (plan: 30). */
  readonly minIndependence: number;
  /** Gate3: |market_regime| beyond which the market has a direction (plan: 30). */
  readonly marketRegimeThreshold: number;
  /** Gate4: EV_net must be strictly greater than this fraction (plan: 0). */
  readonly minEvNet: number;
}

export const DEFAULT_GATE_THRESHOLDS: Readonly<GateThresholds> = Object.freeze({
  minBars: 100,
  minFDir: -15,
  minIndependence: 30,
  marketRegimeThreshold: 30,
  minEvNet: 0,
});

/** Gate names in evaluation order. */
export type GateName = 'gate1_data_quality' | 'gate2_f' | 'gate3_market' | 'gate4_cost';

/** Closed set of gate reason codes recorded on the snapshot. */
export type GateReason =
  | 'PASSED'
  | 'INSUFFICIENT_BARS'
  | 'GAP_IN_WINDOW'
  | 'F_DIR_BELOW_THRESHOLD'
  | 'F_UNAVAILABLE'
  | 'LOW_INDEPENDENCE_AGAINST_MARKET'
  | 'MARKET_UNAVAILABLE'
  | 'EV_NOT_POSITIVE';

/** One gate's decision with what it saw, so a later sweep can re-evaluate other thresholds. */
export interface GateDecision {
  readonly gate: GateName;
  readonly passed: boolean;
  readonly reason: GateReason;
  /** The value the gate compared (bars, F_dir, independence, EV_net); undefined when unavailable. */
  readonly observed: number | undefined;
  readonly threshold: number;
}

/** Everything the gates read about a candidate. */
export interface GateInputs {
  readonly side: Side;
  readonly barsAvailable: number;
  readonly gapInWindow: boolean;
  readonly fV2: number | undefined;
  readonly independence: number | undefined;
  readonly marketRegime: number | undefined;
  readonly evNet: number;
}

/** Gate1 — data quality: at least `minBars` bars and no gap inside the factor window. */
export function gate1DataQuality(i: GateInputs, t: GateThresholds): GateDecision {
  const base = { gate: 'gate1_data_quality' as const, observed: i.barsAvailable, threshold: t.minBars };
  if (i.barsAvailable < t.minBars) return { ...base, passed: false, reason: 'INSUFFICIENT_BARS' };
  if (i.gapInWindow) return { ...base, passed: false, reason: 'GAP_IN_WINDOW' };
  return { ...base, passed: true, reason: 'PASSED' };
}

/**
 * Gate2 — F gate: passes when F_dir ≥ minFDir (boundary passes). When F_v2 is unavailable the gate cannot
 * judge and passes with reason F_UNAVAILABLE, so a missing input never silently blocks or approves unseen.
 */
export function gate2F(i: GateInputs, t: GateThresholds): GateDecision {
  const base = { gate: 'gate2_f' as const, threshold: t.minFDir };
  if (i.fV2 === undefined) return { ...base, observed: undefined, passed: true, reason: 'F_UNAVAILABLE' };
  const fDir = i.side === 'long' ? i.fV2 : -i.fV2;
  return fDir >= t.minFDir
    ? { ...base, observed: fDir, passed: true, reason: 'PASSED' }
    : { ...base, observed: fDir, passed: false, reason: 'F_DIR_BELOW_THRESHOLD' };
}

/**
 * Gate3 — market gate: rejects when I < minIndependence AND the trade goes against the market
 * (market_regime < −threshold and long, or > +threshold and short). I exactly at the threshold passes.
 * With independence or regime unavailable it passes with reason MARKET_UNAVAILABLE.
 */
export function gate3Market(i: GateInputs, t: GateThresholds): GateDecision {
  const base = { gate: 'gate3_market' as const, threshold: t.minIndependence };
  if (i.independence === undefined || i.marketRegime === undefined) {
    return { ...base, observed: i.independence, passed: true, reason: 'MARKET_UNAVAILABLE' };
  }
  const against =
    (i.marketRegime < -t.marketRegimeThreshold && i.side === 'long') ||
    (i.marketRegime > t.marketRegimeThreshold && i.side === 'short');
  const rejected = i.independence < t.minIndependence && against;
  return rejected
    ? { ...base, observed: i.independence, passed: false, reason: 'LOW_INDEPENDENCE_AGAINST_MARKET' }
    : { ...base, observed: i.independence, passed: true, reason: 'PASSED' };
}

/** Gate4 — cost gate: passes only when EV_net > minEvNet (EV_net exactly at the threshold is rejected). */
export function gate4Cost(i: GateInputs, t: GateThresholds): GateDecision {
  const base = { gate: 'gate4_cost' as const, observed: i.evNet, threshold: t.minEvNet };
  return i.evNet > t.minEvNet
    ? { ...base, passed: true, reason: 'PASSED' }
    : { ...base, passed: false, reason: 'EV_NOT_POSITIVE' };
}

/** Result of running all four gates: every decision (all gates run, for the gate statistics) and the first rejection. */
export interface GateVerdict {
  readonly accepted: boolean;
  readonly decisions: readonly GateDecision[];
  readonly rejectedBy: GateDecision | undefined;
}

/** Runs gates 1–4 in order. All gates are evaluated even after a rejection, so each gate's decision is recorded. */
export function runGates(i: GateInputs, t: GateThresholds): GateVerdict {
  const decisions = [gate1DataQuality(i, t), gate2F(i, t), gate3Market(i, t), gate4Cost(i, t)];
  const rejectedBy = decisions.find((d) => !d.passed);
  return { accepted: rejectedBy === undefined, decisions, rejectedBy };
}
