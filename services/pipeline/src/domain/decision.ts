import type { CalibrationSource } from '@cryptosignal/calibration';
import type { Side } from '@cryptosignal/domain';
import type { FactorSnapshot } from '@cryptosignal/features';
import type { FallbackReason, RegimeName } from '@cryptosignal/inference-client';
import type { Confidence } from './confidence.js';
import type { CostExpectation } from './cost-book.js';
import type { AppliedThresholds } from './gate-settings.js';
import type { GateVerdict } from './gates.js';
import type { TradePlan } from './trade-plan.js';

/**
 * The strategy instances the pipeline runs side by side on the same bars: the adaptive `v72` (thresholds from
 * config.gates, P from config.calibration, costs from config.costs) and the baseline `v72-fixed` (the plan's
 * initial thresholds, bootstrap P, 6 bps per fill), so a report can compare them on the same data and costs; with
 * models, `v73` (v7.2 fused with the Transformer, the regime LSTM and optionally XGBoost's P) and the plan's A/B arms
 * `v72-ml-weights` (v7.2 with XGBoost's factor weights) and `v72-regime` (v7.2 with regime-adaptive parameters).
 */
export type StrategyId = 'v72' | 'v72-fixed' | 'v73' | 'v72-ml-weights' | 'v72-regime';

/**
 * The win probability a decision used, where it came from and the version of what produced it: the calibration
 * table (none = bootstrap map), or the XGBoost model's version when its P(profit) was used (`source: 'xgboost'`).
 */
export interface ProbabilityEstimate {
  readonly p: number;
  readonly source: CalibrationSource | 'xgboost';
  readonly calibrationVersion: string | undefined;
}

/**
 * What the models contributed to a decision: the version of each model consulted by registry name
 * (`price-transformer` → `price-transformer-20250813-fad5a66a`), the regime the LSTM saw, or, when the decision fell
 * back to the v7.2 rules, why (versions are then `{ rules: 'rules' }`).
 */
export interface ModelProvenance {
  readonly versions: Readonly<Record<string, string>>;
  readonly regime: RegimeName | undefined;
  readonly fallback: { readonly reason: FallbackReason; readonly detail: string } | undefined;
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
  /** Position size as a multiple of the executor's configured notional; undefined = 1 (the v7.2 strategies). */
  readonly positionSize?: number;
  /** Set on the decisions of a strategy that consults models, once it did (or fell back). */
  readonly models?: ModelProvenance;
}
