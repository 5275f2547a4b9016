import { createHash } from 'node:crypto';

/** Arm of an A/B experiment. */
export type Variant = 'control' | 'treatment';

/** Number of hash buckets a split is expressed in (a resolution of 0.01 %). */
export const HASH_BUCKETS = 10_000;

/**
 * Returns the bucket (0 … 9,999) of a signal in an experiment: the first 4 bytes of
 * sha256(`${experimentId}:${signalId}`) read as a big-endian unsigned integer, modulo 10,000. Salting with the
 * experiment id makes assignments of different experiments independent. The modulo bias (2³² mod 10⁴ = 7,296
 * buckets get one extra of 2³² values) is below 3e-6 relative.
 */
export function variantBucket(experimentId: string, signalId: string): number {
  const digest = createHash('sha256').update(`${experimentId}:${signalId}`, 'utf8').digest();
  return digest.readUInt32BE(0) % HASH_BUCKETS;
}

/**
 * Returns the variant of a signal: 'treatment' when its bucket < treatmentShare × 10,000, else 'control'.
 * Deterministic — the same signal always gets the same arm, in every process and on replay.
 * Thrown when treatmentShare is outside [0, 1].
 */
export function assignVariant(signalId: string, experimentId: string, treatmentShare = 0.5): Variant {
  if (!(treatmentShare >= 0 && treatmentShare <= 1))
    throw new RangeError(`treatmentShare must be in [0, 1], got ${treatmentShare}`);
  return variantBucket(experimentId, signalId) < Math.round(treatmentShare * HASH_BUCKETS)
    ? 'treatment'
    : 'control';
}
