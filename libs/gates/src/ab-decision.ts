import {
  bootstrapMeanDiffCi,
  type Interval,
  type TwoProportionTest,
  twoProportionZTest,
  wilsonInterval,
} from './ab-stats.js';
import type { Outcome } from './records.js';

/** What an experiment needs of a closed trade: its PnL (fraction of notional) and outcome label. */
export interface ExperimentTrade {
  readonly pnlPct: number;
  readonly outcome: Outcome;
}

/** One arm's figures: counts, win rate with its Wilson interval, mean PnL (fraction). */
export interface ArmSummary {
  readonly n: number;
  readonly wins: number;
  readonly win_rate: number | null;
  readonly win_rate_ci: Interval | null;
  readonly mean_pnl: number | null;
}

/** Analysis of an A/B experiment, treatment (B) against control (A), at one confidence level. */
export interface ExperimentAnalysis {
  readonly confidence: number;
  readonly control: ArmSummary;
  readonly treatment: ArmSummary;
  readonly win_rate_test: TwoProportionTest | null;
  /** Bootstrap CI of mean PnL(treatment) − mean PnL(control). */
  readonly mean_pnl_diff: (Interval & { readonly estimate: number }) | null;
}

function arm(trades: readonly ExperimentTrade[], confidence: number): ArmSummary {
  const n = trades.length;
  const wins = trades.filter((t) => t.outcome === 'win').length;
  return {
    n,
    wins,
    win_rate: n === 0 ? null : wins / n,
    win_rate_ci: wilsonInterval(wins, n, confidence),
    mean_pnl: n === 0 ? null : trades.reduce((s, t) => s + t.pnlPct, 0) / n,
  };
}

/**
 * Returns the analysis of an experiment: per arm n, win rate (outcome 'win') with a Wilson interval and mean
 * PnL; a two-proportion z-test of the win rates (two-sided); a seeded bootstrap CI of the mean-PnL difference.
 */
export function analyzeExperiment(
  control: readonly ExperimentTrade[],
  treatment: readonly ExperimentTrade[],
  options: { confidence?: number; iterations?: number; seed?: number } = {},
): ExperimentAnalysis {
  const confidence = options.confidence ?? 0.95;
  const a = arm(control, confidence);
  const b = arm(treatment, confidence);
  return {
    confidence,
    control: a,
    treatment: b,
    win_rate_test: twoProportionZTest(a.wins, a.n, b.wins, b.n, confidence),
    mean_pnl_diff: bootstrapMeanDiffCi(
      control.map((t) => t.pnlPct),
      treatment.map((t) => t.pnlPct),
      { confidence, iterations: options.iterations, seed: options.seed },
    ),
  };
}

/** Why a promotion was or was not made. */
export type PromotionReason =
  | 'insufficient_samples'
  | 'win_rate_significantly_worse'
  | 'no_significant_pnl_gain'
  | 'pnl_gain_significant';

/** The promotion decision and its reason, with a sentence giving the figures. */
export interface PromotionDecision {
  readonly promote: boolean;
  readonly reason: PromotionReason;
  readonly detail: string;
}

/**
 * Decides whether the treatment replaces the control, in this order:
 * 1. either arm has fewer than `minTradesPerVariant` trades (default 100) → no ('insufficient_samples');
 * 2. the treatment's win rate is lower with p < α = 1 − confidence → no ('win_rate_significantly_worse');
 * 3. the bootstrap CI of the mean-PnL gain lies above 0 → promote ('pnl_gain_significant');
 * 4. otherwise → no ('no_significant_pnl_gain'). PnL, not win rate, is the objective: a tighter take-profit
 *    raises the win rate while it can lower the PnL.
 */
export function decidePromotion(
  analysis: ExperimentAnalysis,
  rule: { minTradesPerVariant?: number } = {},
): PromotionDecision {
  const min = rule.minTradesPerVariant ?? 100;
  const { control, treatment, win_rate_test: test, mean_pnl_diff: diff } = analysis;
  if (control.n < min || treatment.n < min || diff === null)
    return {
      promote: false,
      reason: 'insufficient_samples',
      detail: `need ≥ ${min} trades per arm, have control ${control.n}, treatment ${treatment.n}`,
    };
  const alpha = 1 - analysis.confidence;
  if (test !== null && test.diff < 0 && test.p_value < alpha)
    return {
      promote: false,
      reason: 'win_rate_significantly_worse',
      detail: `win rate ${test.p_b.toFixed(4)} vs ${test.p_a.toFixed(4)}, p = ${test.p_value.toPrecision(3)} < ${alpha}`,
    };
  const ci = `mean PnL gain ${diff.estimate.toPrecision(3)}, ${diff.confidence * 100}% CI [${diff.lo.toPrecision(3)}, ${diff.hi.toPrecision(3)}]`;
  return diff.lo > 0
    ? { promote: true, reason: 'pnl_gain_significant', detail: ci }
    : { promote: false, reason: 'no_significant_pnl_gain', detail: ci };
}
