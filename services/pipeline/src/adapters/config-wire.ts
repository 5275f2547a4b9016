import {
  type BucketTable,
  type CalibrationTable,
  confidenceLevel,
  DEFAULT_CALIBRATION_POLICY,
} from '@cryptosignal/calibration';
import {
  CalibrationMethod,
  type CalibrationTablePublished,
  type CostModelPublished,
  type GateConfigPublished,
} from '@cryptosignal/contracts';
import { InvalidMessageError } from '@cryptosignal/runtime';
import type { CostModelUpdate, FundingBucket, SymbolCostEstimate } from '../domain/cost-book.js';
import type { GateConfigUpdate } from '../domain/gate-settings.js';
import type { GateThresholds } from '../domain/gates.js';

/**
 * The `config.gates` parameters the pipeline reads, per gate: `gate1_data_quality.min_bars`,
 * `gate2_f.min_f_dir`, `gate3_market.min_independence`, `gate3_market.market_regime_threshold`,
 * `gate4_cost.min_ev_net` (a fraction of notional).
 */
export const GATE_PARAMETERS: Readonly<Record<string, keyof GateThresholds>> = {
  'gate1_data_quality.min_bars': 'minBars',
  'gate2_f.min_f_dir': 'minFDir',
  'gate3_market.min_independence': 'minIndependence',
  'gate3_market.market_regime_threshold': 'marketRegimeThreshold',
  'gate4_cost.min_ev_net': 'minEvNet',
};

/**
 * Returns the update carried by a `config.gates` event. Thrown (InvalidMessageError, DATA_INVALID) when it names a
 * gate parameter the pipeline does not know, or sets one twice: half-applying a config is worse than refusing it.
 */
export function gateConfigFromWire(m: GateConfigPublished): GateConfigUpdate {
  const thresholds: Partial<Record<keyof GateThresholds, number>> = {};
  for (const t of m.thresholds) {
    const key = GATE_PARAMETERS[`${t.gate}.${t.parameter}`];
    if (key === undefined || thresholds[key] !== undefined)
      throw new InvalidMessageError(
        'DATA_INVALID',
        `config.gates ${m.scope}@${m.version}: ${key === undefined ? 'unknown' : 'repeated'} parameter ${t.gate}.${t.parameter}`,
      );
    thresholds[key] = t.value;
  }
  return {
    scope: m.scope,
    version: m.version,
    publishedAtMs: m.meta?.tsEventMs ?? 0,
    thresholds,
    ...(m.experimentId
      ? { experiment: { id: m.experimentId, trafficFraction: m.trafficFraction ?? 0 } }
      : {}),
  };
}

/** Returns the update carried by a `config.costs` event (per-symbol entry cost and funding by hold bucket). */
export function costModelFromWire(m: CostModelPublished): CostModelUpdate {
  const costs = new Map<string, SymbolCostEstimate>();
  for (const c of m.costs)
    costs.set(c.symbol, { medianBps: c.medianCostBps, p95Bps: c.p95CostBps, samples: c.samples });
  const funding = new Map<string, FundingBucket[]>();
  for (const f of m.funding) {
    const buckets = funding.get(f.symbol) ?? [];
    buckets.push({
      minHoldHours: f.minHoldHours,
      maxHoldHours: f.maxHoldHours,
      medianFundingBps: f.medianFundingBps,
    });
    funding.set(f.symbol, buckets);
  }
  return {
    scope: m.scope,
    version: m.version,
    publishedAtMs: m.meta?.tsEventMs ?? 0,
    defaultCostBps: m.defaultCostBps,
    costs,
    funding,
  };
}

function bucketTable(
  m: CalibrationTablePublished,
  base: Omit<BucketTable, 'method' | 'buckets'>,
): BucketTable {
  const policy = DEFAULT_CALIBRATION_POLICY;
  return {
    ...base,
    method: m.method === CalibrationMethod.CALIBRATION_METHOD_BUCKETS10 ? 'buckets10' : 'buckets20',
    buckets: m.buckets.map((b) => ({
      loConfidence: b.lo,
      hiConfidence: b.hi,
      samples: b.samples,
      wins: b.wins,
      winRate: b.samples > 0 ? b.wins / b.samples : null,
      used: b.samples >= policy.minBucketSamples,
      level: confidenceLevel(b.samples, policy),
    })),
  };
}

/**
 * Returns the calibration table of a `config.calibration` event, for lookups: the method, its buckets (win rate
 * = wins / samples, used from the plan's 30 samples) or isotonic points, the version and the as-of time (the
 * event time). The wire carries no per-point sample counts, so isotonic lookups report level `low`; P itself is
 * exact. Thrown (InvalidMessageError, DATA_INVALID) on an unknown method, a bucket table without buckets, or an
 * isotonic table without points.
 */
export function calibrationFromWire(m: CalibrationTablePublished): CalibrationTable {
  const base = {
    schema: 1 as const,
    version: m.version,
    samples: m.samples,
    wins: m.buckets.reduce((sum, b) => sum + b.wins, 0),
    fromMs: m.fromMs > 0 ? m.fromMs : null,
    toMs: m.toMs > 0 ? m.toMs : null,
    asOfMs: m.meta?.tsEventMs ?? 0,
    policy: DEFAULT_CALIBRATION_POLICY,
  };
  const invalid = (why: string) =>
    new InvalidMessageError('DATA_INVALID', `config.calibration ${m.scope}@${m.version}: ${why}`);
  switch (m.method) {
    case CalibrationMethod.CALIBRATION_METHOD_BOOTSTRAP:
      return { ...base, method: 'bootstrap' };
    case CalibrationMethod.CALIBRATION_METHOD_BUCKETS10:
    case CalibrationMethod.CALIBRATION_METHOD_BUCKETS20:
      if (m.buckets.length === 0) throw invalid('bucket table without buckets');
      return bucketTable(m, base);
    case CalibrationMethod.CALIBRATION_METHOD_ISOTONIC:
      if (m.points.length === 0) throw invalid('isotonic table without points');
      return {
        ...base,
        method: 'isotonic',
        points: m.points.map((q) => ({ confidence: q.confidence, p: q.probability, samples: 0 })),
      };
    default:
      throw invalid(`unknown method ${m.method}`);
  }
}
