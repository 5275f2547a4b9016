import {
  buildMeta,
  CvdSource,
  deterministicEventId,
  type EventMeta,
  type Factors,
  type GateDecision as GateDecisionMessage,
  Side,
  type SignalPublished,
  type SignalRejected,
  type SignalSnapshot,
  Strategy,
} from '@cryptosignal/contracts';
import type { CvdSource as CvdSourceName, FactorSnapshot } from '@cryptosignal/features';
import { regimeValue } from '@cryptosignal/inference-client';
import type { ModelProvenance, SignalDecision, StrategyId } from '../domain/decision.js';
import { describeRejection, type GateDecision } from '../domain/gates.js';

const CVD_SOURCES: Readonly<Record<CvdSourceName, CvdSource>> = {
  taker_buy_volume: CvdSource.CVD_SOURCE_TAKER_BUY_VOLUME,
  trades: CvdSource.CVD_SOURCE_TRADES,
  clv_proxy: CvdSource.CVD_SOURCE_CLV_PROXY,
  none: CvdSource.CVD_SOURCE_NONE,
};

const DIRECTIONAL = ['T', 'M', 'C', 'V', 'O', 'B', 'F_v2'] as const;

/** The snapshot's factors: each absent when unavailable and then named in `unavailable`; C's window CVD source. */
function factorsOf(s: FactorSnapshot): Factors {
  return {
    t: s.T,
    m: s.M,
    c: s.C,
    v: s.V,
    o: s.O,
    b: s.B,
    fV2: s.F_v2,
    unavailable: DIRECTIONAL.filter((name) => s[name] === undefined),
    cvdSource: CVD_SOURCES[s.cvdWindowSource],
  };
}

function gateOf(d: GateDecision): GateDecisionMessage {
  return {
    name: d.gate,
    passed: d.passed,
    reasonCode: d.reason,
    ...(d.observed !== undefined ? { observed: d.observed } : {}),
    threshold: d.threshold,
  };
}

/** Strategies that consult models at run time are v7.3 on the wire; the others (ML weights included) are v7.2. */
const WIRE_STRATEGY: Readonly<Record<StrategyId, Strategy>> = {
  v72: Strategy.STRATEGY_V72,
  'v72-fixed': Strategy.STRATEGY_V72,
  'v72-ml-weights': Strategy.STRATEGY_V72,
  'v72-regime': Strategy.STRATEGY_V73,
  v73: Strategy.STRATEGY_V73,
};

/** Longest `fallback_reason` written: `<reason>: <detail>`, the detail cut to fit. */
const MAX_FALLBACK_REASON_CHARS = 200;

/** The snapshot fields of what the models contributed: versions, regime class, fallback and its reason. */
function modelFieldsOf(m: ModelProvenance | undefined) {
  if (!m) return { modelVersions: {}, fallback: false };
  return {
    modelVersions: { ...m.versions },
    fallback: m.fallback !== undefined,
    ...(m.fallback
      ? { fallbackReason: `${m.fallback.reason}: ${m.fallback.detail}`.slice(0, MAX_FALLBACK_REASON_CHARS) }
      : {}),
  };
}

/**
 * Returns the wire snapshot of a decision. Contract limits, documented in docs/pipeline.md: I and the market
 * regime are plain doubles on the wire, so an unavailable one is written as 0 (the gate3 decision then says
 * MARKET_UNAVAILABLE with no observed value); the market source and P's source have no field (P from a table is
 * marked by `calibration_version`, XGBoost's P by its model version there); `entry_price_limit` 0 means a market
 * order at the next bar's open. A model-consulting strategy's decision adds the regime class, the position size,
 * the model versions (or `rules`) and, on a fallback, `fallback_reason` = `<reason>: <detail>`.
 */
export function snapshotOf(d: SignalDecision): SignalSnapshot {
  const s = d.snapshot;
  const applied = d.applied;
  return {
    signalId: d.signalId,
    timeMs: d.signalTimeMs,
    symbol: d.symbol,
    side: d.side === 'long' ? Side.SIDE_LONG : Side.SIDE_SHORT,
    confidence: d.confidence.confidence,
    factors: factorsOf(s),
    marketState: {
      price: s.price,
      atr: s.atr ?? 0,
      independence: s.I ?? 0,
      marketRegime: s.marketRegime ?? 0,
      ...(d.models?.regime ? { regimeClass: regimeValue(d.models.regime) } : {}),
    },
    predicted: { pCalibrated: d.probability.p, evNet: d.evNet, tp: d.plan.tp, sl: d.plan.sl },
    executionIntent: {
      entryPriceLimit: d.entryPriceLimit ?? 0,
      expectedCostBps: d.cost.entryBps,
      ...(d.positionSize !== undefined ? { positionSize: d.positionSize } : {}),
    },
    strategy: WIRE_STRATEGY[d.strategy],
    strategyVersion: d.strategyVersion,
    ...(applied.experimentId !== undefined
      ? { experimentId: applied.experimentId, variant: applied.variant }
      : {}),
    gates: d.verdict.decisions.map(gateOf),
    ...(d.probability.calibrationVersion !== undefined
      ? { calibrationVersion: d.probability.calibrationVersion }
      : {}),
    ...modelFieldsOf(d.models),
  };
}

/** An event of a decision: published when every gate passed, rejected (with the first rejecting gate) otherwise. */
export type DecisionEvent =
  | { readonly kind: 'published'; readonly value: SignalPublished }
  | { readonly kind: 'rejected'; readonly value: SignalRejected };

/**
 * Returns the event of `d`: its id derived from the topic and the signal id (a replay republishes the same id,
 * which consumers drop), event time = signal time, init time `nowMs`, chained to the kline event `causedBy`.
 */
export function eventOf(
  d: SignalDecision,
  topicNames: { readonly published: string; readonly rejected: string },
  nowMs: number,
  causedBy: EventMeta | undefined,
): DecisionEvent {
  const snapshot = snapshotOf(d);
  const rejectedBy = d.verdict.rejectedBy;
  const topic = rejectedBy === undefined ? topicNames.published : topicNames.rejected;
  const meta = buildMeta({
    eventId: deterministicEventId(topic, d.signalId),
    tsEventMs: d.signalTimeMs,
    tsInitMs: nowMs,
    ...(causedBy ? { causedBy } : {}),
  });
  if (rejectedBy === undefined) return { kind: 'published', value: { meta, snapshot } };
  return {
    kind: 'rejected',
    value: {
      meta,
      snapshot,
      rejection: {
        gate: rejectedBy.gate,
        reasonCode: rejectedBy.reason,
        detail: describeRejection(rejectedBy),
      },
    },
  };
}
