import type {
  Factors,
  GateRejection,
  SignalPublished,
  SignalRejected,
  SignalSnapshot,
} from '@cryptosignal/contracts';
import type {
  CvdSourceName,
  ExecutionIntentDocument,
  FactorsDocument,
  GateDocument,
  MarketStateDocument,
  PredictedDocument,
  RegimeClass,
  SideName,
  SignalStatus,
  StrategyName,
} from '@cryptosignal/records';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { cvdSourceName, regimeName, sideName, strategyName } from './enum-names.js';
import { isoTime, requireMeta } from './event-meta.js';

/** The columns of one `signal_snapshots` row; times as ISO-8601 text, documents as JSON values. */
export interface SignalRow {
  readonly signal_id: string;
  readonly event_id: string;
  readonly signal_time: string;
  readonly symbol: string;
  readonly side: SideName;
  readonly strategy: StrategyName;
  readonly strategy_version: string;
  readonly experiment_id: string | null;
  readonly variant: string | null;
  readonly confidence: number;
  readonly p_calibrated: number;
  readonly ev_net: number;
  readonly f_v2: number | null;
  readonly independence: number;
  readonly market_regime: number;
  readonly regime_class: RegimeClass | null;
  readonly expected_cost_bps: number;
  readonly factors: FactorsDocument;
  readonly market_state: MarketStateDocument;
  readonly predicted: PredictedDocument;
  readonly execution_intent: ExecutionIntentDocument;
  readonly gates: readonly GateDocument[];
  readonly model_versions: Readonly<Record<string, string>>;
  readonly calibration_version: string | null;
  readonly fallback: boolean;
  readonly fallback_reason: string | null;
  readonly status: SignalStatus;
  readonly shadow: boolean;
  readonly rejected_by: string | null;
  readonly gate_reason: string | null;
  readonly rejection_detail: string | null;
  readonly correlation_id: string;
  readonly recorded_at: string;
}

function factorsDocument(f: Factors): FactorsDocument {
  const cvdSource: CvdSourceName = cvdSourceName(f.cvdSource);
  return {
    T: f.t ?? null,
    M: f.m ?? null,
    C: f.c ?? null,
    V: f.v ?? null,
    O: f.o ?? null,
    B: f.b ?? null,
    F_v2: f.fV2 ?? null,
    unavailable: [...f.unavailable],
    cvd_source: cvdSource,
  };
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) {
    throw new InvalidMessageError('CONTRACT_VALIDATION_FAILED', `snapshot.${field} is required`);
  }
  return value;
}

function snapshotColumns(s: SignalSnapshot) {
  const factors = required(s.factors, 'factors');
  const market = required(s.marketState, 'marketState');
  const predicted = required(s.predicted, 'predicted');
  const intent = required(s.executionIntent, 'executionIntent');
  const regimeClass = market.regimeClass === undefined ? null : regimeName(market.regimeClass);
  return {
    signal_id: s.signalId,
    signal_time: isoTime(s.timeMs),
    symbol: s.symbol,
    side: sideName(s.side),
    strategy: strategyName(s.strategy),
    strategy_version: s.strategyVersion,
    experiment_id: s.experimentId ?? null,
    variant: s.variant ?? null,
    confidence: s.confidence,
    p_calibrated: predicted.pCalibrated,
    ev_net: predicted.evNet,
    f_v2: factors.fV2 ?? null,
    independence: market.independence,
    market_regime: market.marketRegime,
    regime_class: regimeClass,
    expected_cost_bps: intent.expectedCostBps,
    factors: factorsDocument(factors),
    market_state: {
      price: market.price,
      atr: market.atr,
      independence: market.independence,
      market_regime: market.marketRegime,
      regime_class: regimeClass,
    },
    predicted: {
      p_calibrated: predicted.pCalibrated,
      ev_net: predicted.evNet,
      tp_fraction: predicted.tp,
      sl_fraction: predicted.sl,
    },
    execution_intent: {
      entry_price_limit: intent.entryPriceLimit,
      expected_cost_bps: intent.expectedCostBps,
    },
    gates: s.gates.map((g) => ({
      name: g.name,
      passed: g.passed,
      reason_code: g.reasonCode,
      observed: g.observed ?? null,
      threshold: g.threshold ?? null,
    })),
    model_versions: { ...s.modelVersions },
    calibration_version: s.calibrationVersion ?? null,
    fallback: s.fallback,
    fallback_reason: s.fallbackReason ?? null,
  };
}

function snapshotRow(
  event: SignalPublished | SignalRejected,
  rejection: GateRejection | undefined,
  recordedAtMs: number,
): SignalRow {
  const meta = requireMeta(event.meta);
  const snapshot = event.snapshot;
  if (!snapshot) throw new InvalidMessageError('CONTRACT_VALIDATION_FAILED', 'event carries no snapshot');
  return {
    ...snapshotColumns(snapshot),
    event_id: meta.eventId,
    status: rejection ? 'rejected' : 'published',
    shadow: rejection !== undefined,
    rejected_by: rejection?.gate ?? null,
    gate_reason: rejection?.reasonCode ?? null,
    rejection_detail: rejection?.detail || null,
    correlation_id: meta.correlationId,
    recorded_at: isoTime(recordedAtMs),
  };
}

/**
 * Returns the `signal_snapshots` row of a published signal, built at `recordedAtMs` (ms UTC, the recorder's clock).
 * Thrown (InvalidMessageError) when the event lacks its meta, snapshot or a required part of it.
 */
export function publishedSignalRow(event: SignalPublished, recordedAtMs: number): SignalRow {
  return snapshotRow(event, undefined, recordedAtMs);
}

/**
 * Returns the `signal_snapshots` row of a rejected signal (status `rejected`, shadow, with the gate and its
 * reason), built at `recordedAtMs` (ms UTC). Thrown like `publishedSignalRow`, and when the rejection is absent.
 */
export function rejectedSignalRow(event: SignalRejected, recordedAtMs: number): SignalRow {
  if (!event.rejection) {
    throw new InvalidMessageError('CONTRACT_VALIDATION_FAILED', 'rejected signal carries no rejection');
  }
  return snapshotRow(event, event.rejection, recordedAtMs);
}
