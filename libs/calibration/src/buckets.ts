import type { CalibrationBucket, CalibrationPolicy } from './calibration-table.js';
import { confidenceLevel } from './calibration-table.js';

/**
 * Returns the index (0 … count−1) of the equal-width confidence bucket holding `confidence` (0–100): bucket i
 * covers [i·w, (i+1)·w) with w = 100 / count, and 100 falls in the last bucket. (The plan's
 * `int(confidence // 10) * 10` would open an eleventh bucket for confidence 100.)
 */
export function confidenceBucketIndex(confidence: number, count: number): number {
  const width = 100 / count;
  let i = Math.floor(confidence / width);
  if (i > 0 && confidence < i * width) i -= 1;
  else if (confidence >= (i + 1) * width) i += 1;
  return Math.min(Math.max(i, 0), count - 1);
}

/**
 * Returns `count` equal-width buckets of the (confidence, won) pairs given, each with samples, wins, raw win
 * rate, whether it is used (samples ≥ policy.minBucketSamples) and its level. Empty buckets are kept.
 */
export function buildBuckets(
  pairs: readonly { confidence: number; won: boolean }[],
  count: number,
  policy: CalibrationPolicy,
): CalibrationBucket[] {
  const samples = new Array<number>(count).fill(0);
  const wins = new Array<number>(count).fill(0);
  for (const { confidence, won } of pairs) {
    const i = confidenceBucketIndex(confidence, count);
    samples[i]! += 1;
    if (won) wins[i]! += 1;
  }
  const width = 100 / count;
  return samples.map((n, i) => ({
    loConfidence: i * width,
    hiConfidence: (i + 1) * width,
    samples: n,
    wins: wins[i]!,
    winRate: n > 0 ? wins[i]! / n : null,
    used: n >= policy.minBucketSamples,
    level: confidenceLevel(n, policy),
  }));
}
