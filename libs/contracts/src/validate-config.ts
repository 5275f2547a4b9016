import type { FieldChecker } from './field-checker.js';
import {
  CalibrationMethod,
  type CalibrationTablePublished,
  type CostModelPublished,
  type EventMeta,
  type GateConfigPublished,
  type ModelsConfigPublished,
} from './generated.js';
import { checkMeta } from './meta.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

function checkConfigHead(
  value: { meta?: EventMeta; scope: string; version: string },
  check: FieldChecker,
): void {
  checkMeta(value.meta, check);
  check.nonEmpty(value.scope, 'scope');
  check.nonEmpty(value.version, 'version');
}

/** Checks a CalibrationTablePublished: meta, scope, version, method, probabilities as fractions. */
export function checkCalibrationTable(value: CalibrationTablePublished, check: FieldChecker): void {
  checkConfigHead(value, check);
  check.enumMember(value.method, CalibrationMethod, 'method');
  for (const [i, p] of value.points.entries()) check.inRange(p.probability, 0, 1, `points[${i}].probability`);
  value.buckets.forEach((b, i) => {
    check.inRange(b.probability, 0, 1, `buckets[${i}].probability`);
    if (!(b.hi > b.lo)) check.fail(`buckets[${i}].hi`, 'must be above lo');
  });
}

/** Checks a GateConfigPublished: meta, scope, version, a gate and parameter name per threshold. */
export function checkGateConfig(value: GateConfigPublished, check: FieldChecker): void {
  checkConfigHead(value, check);
  value.thresholds.forEach((t, i) => {
    check.nonEmpty(t.gate, `thresholds[${i}].gate`);
    check.nonEmpty(t.parameter, `thresholds[${i}].parameter`);
  });
  if (value.trafficFraction !== undefined) check.inRange(value.trafficFraction, 0, 1, 'trafficFraction');
}

/** Checks a CostModelPublished: meta, scope, version, a symbol per cost and funding estimate. */
export function checkCostModel(value: CostModelPublished, check: FieldChecker): void {
  checkConfigHead(value, check);
  for (const [i, c] of value.costs.entries()) check.nonEmpty(c.symbol, `costs[${i}].symbol`);
  for (const [i, f] of value.funding.entries()) check.nonEmpty(f.symbol, `funding[${i}].symbol`);
}

/** Checks a ModelsConfigPublished: meta, scope, version, and per model a name, version, path and sha256 hex. */
export function checkModelsConfig(value: ModelsConfigPublished, check: FieldChecker): void {
  checkConfigHead(value, check);
  value.models.forEach((m, i) => {
    check.nonEmpty(m.name, `models[${i}].name`);
    check.nonEmpty(m.version, `models[${i}].version`);
    check.nonEmpty(m.path, `models[${i}].path`);
    if (!SHA256_HEX.test(m.sha256)) check.fail(`models[${i}].sha256`, 'must be 64 lower-case hex digits');
  });
}
