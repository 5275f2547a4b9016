import type { CalibrationSource } from '@cryptosignal/calibration';
import type { Side } from '@cryptosignal/domain';
import type { FactorSnapshot } from '@cryptosignal/features';
import type { Confidence } from './confidence.js';
import type { CostExpectation } from './cost-book.js';
import type { AppliedThresholds } from './gate-settings.js';
import type { GateVerdict } from './gates.js';
import type { TradePlan } from './trade-plan.js';

/**
 * The two strategy instances the pipeline runs side by side on the same bars: the adaptive `v72` (thresholds from
 * config.gates, P from config.calibration, costs from config.costs) and the baseline `v72-fixed` (the plan's
 * initial thresholds, bootstrap P, 6 bps per fill), so a report can compare them on the same data and costs.
 */
export type StrategyId = 'v72' | 'v72-fixed';

/** The win probability a decision used, where it came from and the calibration table version (none = bootstrap map). */
export interface ProbabilityEstimate {
  readonly p: number;
  readonly source: CalibrationSource;
  readonly calibrationVersion: string | undefined;
}

/**
 * Everything decided about one candidate signal of one strategy: identity, the factor snapshot it stood on,
 * confidence and side, P and its provenance, expected costs, TP/SL plan, EV_net, the thresholds applied (with the
 * A/B arm) and every gate's decision. `verdict.accepted` says whether it is published or rejected (shadow trade).
 */
export interface SignalDecision {
  readonly signalId: string;
  readonly strategy: StrategyId;
  readonly strategyVersion: string;
  readonly symbol: string;
  readonly side: Side;
  /** Open time of the evaluated bar, UTC ms. */
  readonly barOpenMs: number;
  /** Signal time: the evaluated bar's close time (open + 1 h − 1 ms), UTC ms. */
  readonly signalTimeMs: number;
  readonly confidence: Confidence;
  readonly snapshot: FactorSnapshot;
  readonly probability: ProbabilityEstimate;
  readonly cost: CostExpectation;
  readonly plan: TradePlan;
  /** EV_net = P·TP − (1 − P)·SL − roundTripBps / 10⁴, fraction of notional. */
  readonly evNet: number;
  /** Worst acceptable entry price (quote currency); undefined = market order at the next bar's open. */
  readonly entryPriceLimit: number | undefined;
  readonly applied: AppliedThresholds;
  readonly verdict: GateVerdict;
}
