import type { Side } from '@cryptosignal/domain';

/** Thresholds of gates 1–4 (plan 3.2 initial values in DEFAULT_GATE_THRESHOLDS); changed at run time via config.gates. */
export interface GateThresholds {
  /** Gate1: minimum number of consecutive 1h bars of history, the current bar included (plan: 100). */
  readonly minBars: number;
  /** Gate2: minimum F_dir, where F_dir = F_v2 for a long and −F_v2 for a short (plan: −15). */
  readonly minFDir: number;
  /** Gate3: independence I (0–100) below which a trade against the market is rejected (plan: 30). */
  readonly minIndependence: number;
  /** Gate3: |market_regime| beyond which the market has a direction (plan: 30). */
  readonly marketRegimeThreshold: number;
  /** Gate4: EV_net (fraction of notional) must be strictly greater than this (plan: 0). */
  readonly minEvNet: number;
}

/** The plan's initial thresholds (section 3.2): bars ≥ 100, F_dir ≥ −15, I < 30 against a market beyond ±30, EV > 0. */
export const DEFAULT_GATE_THRESHOLDS: Readonly<GateThresholds> = Object.freeze({
  minBars: 100,
  minFDir: -15,
  minIndependence: 30,
  marketRegimeThreshold: 30,
  minEvNet: 0,
});

/**
 * Returns `thresholds` checked. Thrown (RangeError) when minBars is not an integer ≥ 1, the independence or regime
 * threshold is outside [0, 100], or a value is not finite.
 */
export function checkGateThresholds(thresholds: GateThresholds): GateThresholds {
  const t = thresholds;
  if (!(Number.isInteger(t.minBars) && t.minBars >= 1))
    throw new RangeError(`minBars must be an integer >= 1, got ${t.minBars}`);
  if (!Number.isFinite(t.minFDir)) throw new RangeError(`minFDir must be finite, got ${t.minFDir}`);
  for (const [name, value] of [
    ['minIndependence', t.minIndependence],
    ['marketRegimeThreshold', t.marketRegimeThreshold],
  ] as const) {
    if (!(value >= 0 && value <= 100)) throw new RangeError(`${name} must be in [0, 100], got ${value}`);
  }
  if (!Number.isFinite(t.minEvNet)) throw new RangeError(`minEvNet must be finite, got ${t.minEvNet}`);
  return t;
}

/** The v7.2 gates in evaluation order (libs/gates GateName). */
export type RuleGateName = 'gate1_data_quality' | 'gate2_f' | 'gate3_market' | 'gate4_cost';

/**
 * Gate names as recorded on the snapshot: the v7.2 gates, then the model gates of the strategies that consult
 * models (`model_transformer`: the Transformer's confirmation; `model_regime`: the regime's minimum confidence).
 */
export type GateName = RuleGateName | 'model_transformer' | 'model_regime';

/**
 * Closed set of gate reason codes recorded on the snapshot (the contract's examples: `OK`, `INSUFFICIENT_BARS`,
 * `F_BELOW_THRESHOLD`, `COUNTER_TREND`, `EV_NOT_POSITIVE`). `F_UNAVAILABLE` and `MARKET_UNAVAILABLE` are passes
 * whose input was missing for the bar.
 */
export type GateReason =
  | 'OK'
  | 'INSUFFICIENT_BARS'
  | 'GAP_IN_WINDOW'
  | 'F_BELOW_THRESHOLD'
  | 'F_UNAVAILABLE'
  | 'COUNTER_TREND'
  | 'MARKET_UNAVAILABLE'
  | 'EV_NOT_POSITIVE'
  | 'NOT_CONFIRMED'
  | 'BELOW_REGIME_MIN_CONFIDENCE';

/** One gate's decision with what it saw, so a later sweep can re-evaluate other thresholds. */
export interface GateDecision {
  readonly gate: GateName;
  readonly passed: boolean;
  readonly reason: GateReason;
  /** The value the gate compared, in its threshold's unit (bars, F_dir, I, EV_net fraction); undefined when unavailable. */
  readonly observed: number | undefined;
  readonly threshold: number;
}

/** Everything the gates read about a candidate. */
export interface GateInputs {
  readonly side: Side;
  /** Consecutive 1h bars of the symbol up to and including this one (the engine restarts its windows after a gap). */
  readonly bars: number;
  /** True when the symbol's history holds a gap right before those bars (a shorter run is then GAP_IN_WINDOW). */
  readonly afterGap: boolean;
  readonly fV2: number | undefined;
  readonly independence: number | undefined;
  readonly marketRegime: number | undefined;
  /** EV_net, fraction of notional. */
  readonly evNet: number;
}

/**
 * Gate1 — data quality: at least `minBars` consecutive bars, i.e. ≥ minBars bars of history and no gap inside
 * the last minBars hours. A shorter run after a gap is GAP_IN_WINDOW, a short history INSUFFICIENT_BARS.
 */
export function gate1DataQuality(i: GateInputs, t: GateThresholds): GateDecision {
  const base = { gate: 'gate1_data_quality' as const, observed: i.bars, threshold: t.minBars };
  if (i.bars >= t.minBars) return { ...base, passed: true, reason: 'OK' };
  return { ...base, passed: false, reason: i.afterGap ? 'GAP_IN_WINDOW' : 'INSUFFICIENT_BARS' };
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
    ? { ...base, observed: fDir, passed: true, reason: 'OK' }
    : { ...base, observed: fDir, passed: false, reason: 'F_BELOW_THRESHOLD' };
}

/**
 * Gate3 — market gate: rejects (COUNTER_TREND) when I < minIndependence AND the trade goes against the market
 * (market_regime < −threshold and long, or > +threshold and short). I exactly at the threshold passes, as does a
 * regime exactly at ±threshold. With independence or regime unavailable it passes with reason MARKET_UNAVAILABLE.
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
    ? { ...base, observed: i.independence, passed: false, reason: 'COUNTER_TREND' }
    : { ...base, observed: i.independence, passed: true, reason: 'OK' };
}

/** Gate4 — cost gate: passes only when EV_net > minEvNet (EV_net exactly at the threshold is rejected). */
export function gate4Cost(i: Pick<GateInputs, 'evNet'>, t: Pick<GateThresholds, 'minEvNet'>): GateDecision {
  const base = { gate: 'gate4_cost' as const, observed: i.evNet, threshold: t.minEvNet };
  return i.evNet > t.minEvNet
    ? { ...base, passed: true, reason: 'OK' }
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

const COMPARISON: Readonly<Record<GateName, { label: string; rule: string }>> = {
  gate1_data_quality: { label: 'bars', rule: '<' },
  gate2_f: { label: 'F_dir', rule: '<' },
  gate3_market: { label: 'I', rule: '< (against the market)' },
  gate4_cost: { label: 'EV_net', rule: '<=' },
  model_transformer: { label: 'mean 4h return in the signal direction', rule: '<=' },
  model_regime: { label: 'confidence', rule: '< (regime minimum)' },
};

/** Returns a one-line human-readable account of a rejection, e.g. `F_dir=-22.1 < -15`. */
export function describeRejection(d: GateDecision): string {
  const { label, rule } = COMPARISON[d.gate];
  const observed = d.observed === undefined ? 'n/a' : String(Number(d.observed.toPrecision(6)));
  return `${d.reason}: ${label}=${observed} ${rule} ${d.threshold}`;
}
