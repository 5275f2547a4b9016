import { mean, median } from '@cryptosignal/metrics';
import type { FundingCostRecord } from './records.js';

/** Holding-time buckets of plan 4.1: [0, 8) h, [8, 24) h, [24, 48) h, [48, ∞) h. */
export const HOLD_BUCKETS = ['0-8h', '8-24h', '24-48h', '48h+'] as const;

/** Name of a holding-time bucket. */
export type HoldBucket = (typeof HOLD_BUCKETS)[number];

/** Funding paid in one holding-time bucket, bps (negative = received). Averages are null when count is 0. */
export interface FundingBucketStats {
  readonly count: number;
  readonly avg_funding_bps: number | null;
  readonly median_funding_bps: number | null;
}

/**
 * Returns the bucket of a holding time: lower bound inclusive, upper exclusive (8 h exactly is '8-24h').
 * Thrown when holdHours is negative or not finite.
 */
export function holdBucket(holdHours: number): HoldBucket {
  if (!(holdHours >= 0 && Number.isFinite(holdHours)))
    throw new RangeError(`holdHours must be a finite number ≥ 0, got ${holdHours}`);
  if (holdHours < 8) return '0-8h';
  if (holdHours < 24) return '8-24h';
  if (holdHours < 48) return '24-48h';
  return '48h+';
}

/**
 * Returns the funding cost by holding-time bucket (plan 4.1 `analyze_funding_costs`): count, mean and median
 * funding in bps per bucket. Trades with holdHours ≤ 0 are left out, as in the plan. Every bucket is present
 * (count 0, averages null when empty) so a report's keys do not depend on the data.
 * Thrown when a holding time is negative or a value is not finite.
 */
export function analyzeFundingCosts(
  records: readonly FundingCostRecord[],
): Record<HoldBucket, FundingBucketStats> {
  const buckets: Record<HoldBucket, number[]> = { '0-8h': [], '8-24h': [], '24-48h': [], '48h+': [] };
  for (const r of records) {
    if (r.holdHours === 0) continue;
    buckets[holdBucket(r.holdHours)].push(r.fundingCostBps);
  }
  const out = {} as Record<HoldBucket, FundingBucketStats>;
  for (const b of HOLD_BUCKETS) {
    const xs = buckets[b];
    out[b] = { count: xs.length, avg_funding_bps: mean(xs), median_funding_bps: median(xs) };
  }
  return out;
}
