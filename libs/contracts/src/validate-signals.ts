import type { FieldChecker } from './field-checker.js';
import {
  CvdSource,
  type Factors,
  type GateRejection,
  Side,
  type SignalPublished,
  type SignalRejected,
  type SignalSnapshot,
  Strategy,
} from './generated.js';
import { checkMeta } from './meta.js';

/** Factor names as the plan spells them, paired with their field in Factors. */
export const FACTOR_NAMES = ['T', 'M', 'C', 'V', 'O', 'B', 'F_v2'] as const;
/** A factor name of the v7.2 engine. */
export type FactorName = (typeof FACTOR_NAMES)[number];
const FACTOR_FIELDS: Readonly<Record<FactorName, keyof Factors>> = {
  T: 't',
  M: 'm',
  C: 'c',
  V: 'v',
  O: 'o',
  B: 'b',
  F_v2: 'fV2',
};

/** Checks that a factor is absent exactly when it is listed in `unavailable`, and the CVD source is set. */
function checkFactors(factors: Factors, path: string, check: FieldChecker): void {
  const listed = new Set(factors.unavailable);
  for (const name of listed) {
    if (!(FACTOR_NAMES as readonly string[]).includes(name))
      check.fail(`${path}.unavailable`, `lists unknown '${name}'`);
  }
  for (const name of FACTOR_NAMES) {
    const field = FACTOR_FIELDS[name];
    const absent = factors[field] === undefined;
    if (absent && !listed.has(name))
      check.fail(`${path}.${field}`, `is absent but not listed in unavailable`);
    if (!absent && listed.has(name))
      check.fail(`${path}.${field}`, `is listed in unavailable but has a value`);
  }
  check.enumMember(factors.cvdSource, CvdSource, `${path}.cvdSource`);
}

/**
 * Checks a SignalSnapshot under `path`: id, time, symbol, side, confidence 0–100, factors, market state,
 * prediction (P_calibrated a fraction), execution intent (a position size, when given, > 0), strategy and version,
 * and a named verdict per gate.
 */
export function checkSnapshot(snapshot: SignalSnapshot | undefined, path: string, check: FieldChecker): void {
  const s = check.present(snapshot, path);
  check.nonEmpty(s.signalId, `${path}.signalId`);
  check.positive(s.timeMs, `${path}.timeMs`);
  check.nonEmpty(s.symbol, `${path}.symbol`);
  check.enumMember(s.side, Side, `${path}.side`);
  check.inRange(s.confidence, 0, 100, `${path}.confidence`);
  checkFactors(check.present(s.factors, `${path}.factors`), `${path}.factors`, check);
  const market = check.present(s.marketState, `${path}.marketState`);
  check.positive(market.price, `${path}.marketState.price`);
  const predicted = check.present(s.predicted, `${path}.predicted`);
  check.inRange(predicted.pCalibrated, 0, 1, `${path}.predicted.pCalibrated`);
  const intent = check.present(s.executionIntent, `${path}.executionIntent`);
  if (intent.positionSize !== undefined)
    check.positive(intent.positionSize, `${path}.executionIntent.positionSize`);
  check.enumMember(s.strategy, Strategy, `${path}.strategy`);
  check.nonEmpty(s.strategyVersion, `${path}.strategyVersion`);
  s.gates.forEach((gate, i) => {
    check.nonEmpty(gate.name, `${path}.gates[${i}].name`);
    check.nonEmpty(gate.reasonCode, `${path}.gates[${i}].reasonCode`);
  });
  if (s.fallback && !s.fallbackReason)
    check.fail(`${path}.fallbackReason`, 'is required when fallback is set');
}

/** Checks a SignalPublished: meta and snapshot. */
export function checkSignalPublished(value: SignalPublished, check: FieldChecker): void {
  checkMeta(value.meta, check);
  checkSnapshot(value.snapshot, 'snapshot', check);
}

/** Checks a GateRejection under `path`: gate name and reason code. */
export function checkRejection(
  rejection: GateRejection | undefined,
  path: string,
  check: FieldChecker,
): void {
  const r = check.present(rejection, path);
  check.nonEmpty(r.gate, `${path}.gate`);
  check.nonEmpty(r.reasonCode, `${path}.reasonCode`);
}

/** Checks a SignalRejected: meta, snapshot and the rejecting gate. */
export function checkSignalRejected(value: SignalRejected, check: FieldChecker): void {
  checkMeta(value.meta, check);
  checkSnapshot(value.snapshot, 'snapshot', check);
  checkRejection(value.rejection, 'rejection', check);
}
