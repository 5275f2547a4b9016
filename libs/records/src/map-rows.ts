import type {
  ExecutionRecord,
  FactorsRecord,
  GateRecord,
  SignalRecord,
  TradeResultRecord,
} from './records.js';
import { RowReader } from './row-reader.js';
import {
  COST_SOURCES,
  CVD_SOURCES,
  EXECUTION_STATUSES,
  EXIT_REASONS,
  FUNDING_SOURCES,
  OUTCOMES,
  RECORD_TABLES,
  REGIME_CLASSES,
  SIDES,
  SIGNAL_STATUSES,
  STRATEGIES,
} from './vocabulary.js';

type JsonRow = Readonly<Record<string, unknown>>;

function mapFactors(r: RowReader): FactorsRecord {
  return {
    T: r.numberOrNull('T'),
    M: r.numberOrNull('M'),
    C: r.numberOrNull('C'),
    V: r.numberOrNull('V'),
    O: r.numberOrNull('O'),
    B: r.numberOrNull('B'),
    F_v2: r.numberOrNull('F_v2'),
    unavailable: r.array('unavailable').map(String),
    cvdSource: r.oneOf('cvd_source', CVD_SOURCES),
  };
}

function mapGate(value: unknown, index: number): GateRecord {
  const r = new RowReader(`${RECORD_TABLES.signals}.gates[${index}]`, value as JsonRow);
  return {
    name: r.text('name'),
    passed: r.bool('passed'),
    reasonCode: r.text('reason_code'),
    observed: r.numberOrNull('observed'),
    threshold: r.numberOrNull('threshold'),
  };
}

/**
 * Returns the SignalRecord of a `signal_snapshots` row rendered by `to_jsonb`.
 * Thrown (InvariantViolation) when a column is missing or has another type.
 */
export function mapSignalRow(row: JsonRow): SignalRecord {
  const r = new RowReader(RECORD_TABLES.signals, row);
  const market = r.object('market_state');
  const predicted = r.object('predicted');
  const intent = r.object('execution_intent');
  return {
    signalId: r.text('signal_id'),
    eventId: r.text('event_id'),
    signalTimeMs: r.timeMs('signal_time'),
    symbol: r.text('symbol'),
    side: r.oneOf('side', SIDES),
    strategy: r.oneOf('strategy', STRATEGIES),
    strategyVersion: r.text('strategy_version'),
    experimentId: r.textOrNull('experiment_id'),
    variant: r.textOrNull('variant'),
    confidence: r.number('confidence'),
    pCalibrated: r.number('p_calibrated'),
    evNet: r.number('ev_net'),
    fV2: r.numberOrNull('f_v2'),
    independence: r.number('independence'),
    marketRegime: r.number('market_regime'),
    regimeClass: r.oneOfOrNull('regime_class', REGIME_CLASSES),
    referencePrice: market.number('price'),
    atrPrice: market.number('atr'),
    tpFraction: predicted.number('tp_fraction'),
    slFraction: predicted.number('sl_fraction'),
    entryPriceLimit: intent.number('entry_price_limit'),
    expectedCostBps: r.number('expected_cost_bps'),
    factors: mapFactors(r.object('factors')),
    gates: r.array('gates').map(mapGate),
    modelVersions: r.textMap('model_versions'),
    calibrationVersion: r.textOrNull('calibration_version'),
    fallback: r.bool('fallback'),
    fallbackReason: r.textOrNull('fallback_reason'),
    status: r.oneOf('status', SIGNAL_STATUSES),
    shadow: r.bool('shadow'),
    rejectedBy: r.textOrNull('rejected_by'),
    gateReason: r.textOrNull('gate_reason'),
    rejectionDetail: r.textOrNull('rejection_detail'),
    correlationId: r.text('correlation_id'),
    recordedAtMs: r.timeMs('recorded_at'),
  };
}

/**
 * Returns the ExecutionRecord of an `execution_records` row rendered by `to_jsonb`.
 * Thrown (InvariantViolation) when a column is missing or has another type.
 */
export function mapExecutionRow(row: JsonRow): ExecutionRecord {
  const r = new RowReader(RECORD_TABLES.executions, row);
  return {
    eventId: r.text('event_id'),
    signalId: r.text('signal_id'),
    reportedAtMs: r.timeMs('reported_at'),
    symbol: r.text('symbol'),
    side: r.oneOf('side', SIDES),
    status: r.oneOf('status', EXECUTION_STATUSES),
    shadow: r.bool('shadow'),
    actualEntryPrice: r.numberOrNull('actual_entry_price'),
    actualFillTimeMs: r.timeMsOrNull('actual_fill_time'),
    quantity: r.numberOrNull('quantity'),
    notionalUsdt: r.numberOrNull('notional_usdt'),
    actualCostBps: r.numberOrNull('actual_cost_bps'),
    spreadBps: r.numberOrNull('spread_bps'),
    slippageBps: r.numberOrNull('slippage_bps'),
    feeBps: r.numberOrNull('fee_bps'),
    fundingBps: r.numberOrNull('funding_bps'),
    costSource: r.oneOfOrNull('cost_source', COST_SOURCES),
    correlationId: r.text('correlation_id'),
    recordedAtMs: r.timeMs('recorded_at'),
  };
}

/**
 * Returns the TradeResultRecord of a `trade_results` row rendered by `to_jsonb`.
 * Thrown (InvariantViolation) when a column is missing or has another type.
 */
export function mapResultRow(row: JsonRow): TradeResultRecord {
  const r = new RowReader(RECORD_TABLES.results, row);
  return {
    eventId: r.text('event_id'),
    signalId: r.text('signal_id'),
    closedAtMs: r.timeMs('closed_at'),
    enteredAtMs: r.timeMs('entered_at'),
    symbol: r.text('symbol'),
    side: r.oneOf('side', SIDES),
    shadow: r.bool('shadow'),
    outcome: r.oneOf('outcome', OUTCOMES),
    entryPrice: r.number('entry_price'),
    exitPrice: r.number('exit_price'),
    exitReason: r.oneOf('exit_reason', EXIT_REASONS),
    holdHours: r.number('hold_hours'),
    pnlPct: r.number('pnl_pct'),
    pnlUsdt: r.number('pnl_usdt'),
    totalCostBps: r.number('total_cost_bps'),
    fundingCostBps: r.number('funding_cost_bps'),
    fundingSource: r.oneOf('funding_source', FUNDING_SOURCES),
    gateReason: r.textOrNull('gate_reason'),
    correlationId: r.text('correlation_id'),
    recordedAtMs: r.timeMs('recorded_at'),
  };
}
