import { bootstrapProbability, type CalibrationTable } from '@cryptosignal/calibration';
import {
  buildMeta,
  CalibrationMethod,
  type CalibrationTablePublished,
  deterministicEventId,
  TOPICS,
} from '@cryptosignal/contracts';

const METHODS: Record<CalibrationTable['method'], CalibrationMethod> = {
  bootstrap: CalibrationMethod.CALIBRATION_METHOD_BOOTSTRAP,
  buckets10: CalibrationMethod.CALIBRATION_METHOD_BUCKETS10,
  buckets20: CalibrationMethod.CALIBRATION_METHOD_BUCKETS20,
  isotonic: CalibrationMethod.CALIBRATION_METHOD_ISOTONIC,
};

/** Knots of the bootstrap line at confidence 0 and 100 (its clamps never bind on [0, 100]: it is one segment). */
function bootstrapKnots(): { confidence: number; probability: number }[] {
  return [0, 100].map((confidence) => ({ confidence, probability: bootstrapProbability(confidence) }));
}

/**
 * Returns the `config.calibration` event of `table` for `scope`. The event id is derived from scope and
 * version, so publishing the same table twice is deduplicated downstream; event time is the table's as-of
 * time. Points carry the bootstrap knots or the isotonic thresholds; buckets carry every bucket with its
 * observed win rate (0 for an empty one) and counts, whether or not it reaches the minimum sample (a consumer
 * applies the policy: fewer than 30 samples falls back to the bootstrap map). `from_ms`/`to_ms` are the
 * CLOSE-time range of the trades fitted on (0 when there were none): a trade counts from its close.
 */
export function publishedFromTable(
  scope: string,
  table: CalibrationTable,
  tsInitMs: number,
): CalibrationTablePublished {
  const eventId = deterministicEventId(TOPICS.configCalibration.name, `${scope}|${table.version}`);
  return {
    meta: buildMeta({ eventId, tsEventMs: table.asOfMs, tsInitMs }),
    scope,
    version: table.version,
    method: METHODS[table.method],
    samples: table.samples,
    fromMs: table.fromMs ?? 0,
    toMs: table.toMs ?? 0,
    points:
      table.method === 'isotonic'
        ? table.points.map((q) => ({ confidence: q.confidence, probability: q.p }))
        : table.method === 'bootstrap'
          ? bootstrapKnots()
          : [],
    buckets:
      table.method === 'buckets10' || table.method === 'buckets20'
        ? table.buckets.map((b) => ({
            lo: b.loConfidence,
            hi: b.hiConfidence,
            probability: b.winRate ?? 0,
            samples: b.samples,
            wins: b.wins,
          }))
        : [],
  };
}
