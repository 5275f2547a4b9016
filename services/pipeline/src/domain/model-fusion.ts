import {
  type FallbackReason,
  fuseV73,
  type ModelAnswer,
  type PriceDistribution,
  type RegimeAdaptiveStrategy,
  type RegimeAdjustment,
  type RegimeEstimate,
  RULES_MODEL,
  type TransformerConfirmation,
  type V73Parameters,
  type WinProbability,
} from '@cryptosignal/inference-client';
import type { ProbabilityEstimate, SignalDecision } from './decision.js';
import { type GateDecision, type GateVerdict, gate4Cost } from './gates.js';
import { expectedValueNet, type TradePlan } from './trade-plan.js';

/**
 * What a strategy that consults models does with a v7.2 candidate its gates accepted:
 * - `v73` (plan 2.3 V73Analyzer with 3.1 and 4.2): the Transformer confirms it, then the regime's minimum
 *   confidence and multipliers apply;
 * - `regime` (plan 4.2 RegimeAdaptiveStrategy alone, the regime-adaptive A/B arm): the regime's minimum confidence
 *   and multipliers on the v7.2 exits and size.
 * `probability` says which P the decision's EV_net and `p_calibrated` use: the calibrated (or bootstrap) P of v7.2,
 * or XGBoost's P(profit) (plan 3.1), asked for only then.
 */
export interface ModelStageSettings {
  readonly stage: 'v73' | 'regime';
  readonly probability: 'calibrated' | 'xgboost';
  readonly params: V73Parameters;
  readonly regimes: RegimeAdaptiveStrategy;
}

/** The models a stage asks for one candidate. */
export function modelsNeeded(s: ModelStageSettings): {
  transformer: boolean;
  xgboost: boolean;
  lstm: boolean;
} {
  return { transformer: s.stage === 'v73', xgboost: s.probability === 'xgboost', lstm: true };
}

/** The answers the stage received for one candidate: those of the models it needs. */
export interface ModelAnswers {
  readonly forecast?: ModelAnswer<PriceDistribution>;
  readonly win?: ModelAnswer<WinProbability>;
  readonly regime?: ModelAnswer<RegimeEstimate>;
}

function transformerGate(c: TransformerConfirmation, side: 'long' | 'short', p: V73Parameters): GateDecision {
  return {
    gate: 'model_transformer',
    passed: c.confirmed,
    reason: c.confirmed ? 'OK' : 'NOT_CONFIRMED',
    observed: side === 'long' ? c.meanReturn : -c.meanReturn,
    threshold: p.confirmThreshold,
  };
}

function regimeGate(r: RegimeAdjustment, confidence: number): GateDecision {
  return {
    gate: 'model_regime',
    passed: r.passes,
    reason: r.passes ? 'OK' : 'BELOW_REGIME_MIN_CONFIDENCE',
    observed: confidence,
    threshold: r.minConfidence,
  };
}

/** Returns the plan with new TP/SL distances (fractions) and their price levels around `price`. */
function withExits(
  plan: TradePlan,
  side: 'long' | 'short',
  price: number,
  tp: number,
  sl: number,
): TradePlan {
  const sign = side === 'long' ? 1 : -1;
  return { ...plan, tp, sl, tpPrice: price * (1 + sign * tp), slPrice: price * (1 - sign * sl) };
}

/** Returns the verdict of gates 1–4 with gate4 recomputed on `evNet`, followed by the model gates. */
function verdictWith(d: SignalDecision, evNet: number, modelGates: readonly GateDecision[]): GateVerdict {
  const ruleGates = d.verdict.decisions.map((g) =>
    g.gate === 'gate4_cost' ? gate4Cost({ evNet }, d.applied.thresholds) : g,
  );
  const decisions = [...ruleGates, ...modelGates];
  const rejectedBy = decisions.find((g) => !g.passed);
  return { accepted: rejectedBy === undefined, decisions, rejectedBy };
}

interface Fused {
  readonly confidence: number;
  readonly tp: number;
  readonly sl: number;
  readonly positionSize: number;
  readonly gates: readonly GateDecision[];
}

function fuse(d: SignalDecision, a: ModelAnswers, s: ModelStageSettings): Fused {
  const candidate = {
    side: d.side,
    confidence: d.confidence.confidence,
    tp: d.plan.tp,
    sl: d.plan.sl,
    positionSize: d.positionSize ?? 1,
  };
  const regime = a.regime ?? missing('regime');
  if (s.stage === 'regime') {
    const adjusted = s.regimes.adjust(candidate, regime.value.regime);
    return {
      ...adjusted,
      confidence: candidate.confidence,
      gates: [regimeGate(adjusted, candidate.confidence)],
    };
  }
  const forecast = a.forecast ?? missing('forecast');
  const v = fuseV73(
    { candidate, forecast: forecast.value, regime: regime.value },
    { strategy: s.regimes, params: s.params },
  );
  const gates = [transformerGate(v.confirmation, d.side, s.params)];
  if (v.regime) gates.push(regimeGate(v.regime, v.confidence));
  return { confidence: v.confidence, tp: v.tp, sl: v.sl, positionSize: v.positionSize, gates };
}

function missing(what: string): never {
  throw new RangeError(`the stage needs the ${what} answer`);
}

/**
 * Returns the decision a model stage makes of the v7.2 decision `d` (a candidate its gates accepted) given the
 * models' answers: the confidence (×1.2 when the Transformer confirms, capped at 100), TP/SL and position size (the
 * dynamic exits, then the regime's multipliers), P (XGBoost's P(profit) when `probability` is `xgboost`, its model
 * version in `calibrationVersion`), EV_net recomputed on those, gate4 re-run on it, then the model gates
 * (`model_transformer`, `model_regime`). The models' versions and the regime are recorded on `models`.
 * Thrown (RangeError) when an answer the stage needs is absent or unusable (the caller records it as `invalid_output`).
 */
export function fuseDecision(d: SignalDecision, a: ModelAnswers, s: ModelStageSettings): SignalDecision {
  const f = fuse(d, a, s);
  const win = s.probability === 'xgboost' ? (a.win ?? missing('win probability')) : undefined;
  const probability: ProbabilityEstimate = win
    ? { p: win.value.pProfit, source: 'xgboost', calibrationVersion: win.model.version }
    : d.probability;
  const evNet = expectedValueNet(probability.p, f.tp, f.sl, d.cost.roundTripBps / 10_000);
  const versions: Record<string, string> = {};
  for (const answer of [a.forecast, win, a.regime])
    if (answer) versions[answer.model.name] = answer.model.version;
  const score = Math.sign(d.confidence.score) * f.confidence;
  return {
    ...d,
    confidence: { ...d.confidence, score, confidence: f.confidence },
    probability,
    plan: withExits(d.plan, d.side, d.snapshot.price, f.tp, f.sl),
    evNet,
    verdict: verdictWith(d, evNet, f.gates),
    positionSize: f.positionSize,
    models: { versions, regime: a.regime?.value.regime, fallback: undefined },
  };
}

/**
 * Returns `d` as the v7.2 rules decided it (confidence, exits, P, gates and size unchanged), marked as a fallback
 * with its reason and detail; the model versions are `{ rules: 'rules' }`. No signal is lost: it is published or
 * rejected exactly as v7.2 would have.
 */
export function fallbackDecision(d: SignalDecision, reason: FallbackReason, detail: string): SignalDecision {
  return {
    ...d,
    positionSize: d.positionSize ?? 1,
    models: {
      versions: { [RULES_MODEL.name]: RULES_MODEL.version },
      regime: undefined,
      fallback: { reason, detail },
    },
  };
}
