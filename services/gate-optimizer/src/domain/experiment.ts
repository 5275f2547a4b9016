import {
  analyzeExperiment,
  decidePromotion,
  type ExperimentAnalysis,
  type ExperimentTrade,
  type PromotionDecision,
} from '@cryptosignal/gates';
import type { GateThresholdSet } from './thresholds.js';

/** Where an experiment stands. */
export type ExperimentStatus = 'running' | 'promoted' | 'rejected';

/** What a judgement says to do: keep collecting, promote the treatment, or end the experiment without it. */
export type ExperimentOutcome = 'continue' | 'promote' | 'reject';

/** A judgement: the promotion rule's decision and what follows from it (with a timeout as `timed_out`). */
export interface ExperimentVerdict {
  readonly outcome: ExperimentOutcome;
  readonly decision: PromotionDecision;
  readonly timedOut: boolean;
}

/**
 * An A/B experiment of gate thresholds: the production set (`control`, variant A) against a candidate
 * (`treatment`, variant B) receiving `trafficFraction` of the signals by hash of signal_id. Times ms UTC.
 */
export interface GateExperiment {
  readonly experimentId: string;
  readonly scope: string;
  readonly status: ExperimentStatus;
  readonly startedAtMs: number;
  readonly control: GateThresholdSet;
  readonly treatment: GateThresholdSet;
  readonly trafficFraction: number;
  readonly sweepRunId: string | null;
  readonly analysis: ExperimentAnalysis | null;
  readonly verdict: ExperimentVerdict | null;
  readonly decidedAtMs: number | null;
}

/** The promotion policy. */
export interface ExperimentPolicy {
  /** Trades each arm needs before the single decision is taken (default 100, libs/gates decidePromotion). */
  readonly minTradesPerVariant: number;
  /** Longest an experiment may run without reaching the minimum sample, ms (default 8 weeks). */
  readonly maxDurationMs: number;
  /** Confidence of the z-test and the bootstrap interval (default 0.95). */
  readonly confidence: number;
  /** Bootstrap resamples (default 2,000) and seed (default 7), so a judgement is reproducible. */
  readonly bootstrapIterations: number;
  readonly bootstrapSeed: number;
}

/** Returns the experiment id of a candidate proposed as of `asOfMs`: `gates-<scope>-<YYYYMMDDTHHMMSSZ>`. */
export function experimentIdOf(scope: string, asOfMs: number): string {
  const stamp = new Date(asOfMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `gates-${scope}-${stamp}`;
}

/**
 * Judges a running experiment as of `asOfMs` from the closed executed trades of each arm: win rates with a
 * two-proportion z-test, the mean-PnL difference with a seeded bootstrap CI, then libs/gates' promotion rule.
 * The decision is taken ONCE, when both arms reach `minTradesPerVariant`: promote when the PnL gain is
 * significant, otherwise reject. Deciding at a fixed sample instead of re-testing every week until something
 * turns significant keeps the false-promotion rate at the test's level (no optional stopping). Before the
 * minimum sample it continues, and rejects once `maxDurationMs` has passed since the start.
 */
export function judgeExperiment(
  experiment: Pick<GateExperiment, 'startedAtMs'>,
  control: readonly ExperimentTrade[],
  treatment: readonly ExperimentTrade[],
  asOfMs: number,
  policy: ExperimentPolicy,
): { analysis: ExperimentAnalysis; verdict: ExperimentVerdict } {
  const analysis = analyzeExperiment(control, treatment, {
    confidence: policy.confidence,
    iterations: policy.bootstrapIterations,
    seed: policy.bootstrapSeed,
  });
  const decision = decidePromotion(analysis, { minTradesPerVariant: policy.minTradesPerVariant });
  if (decision.promote) return { analysis, verdict: { outcome: 'promote', decision, timedOut: false } };
  if (decision.reason !== 'insufficient_samples')
    return { analysis, verdict: { outcome: 'reject', decision, timedOut: false } };
  const timedOut = asOfMs - experiment.startedAtMs >= policy.maxDurationMs;
  return { analysis, verdict: { outcome: timedOut ? 'reject' : 'continue', decision, timedOut } };
}
