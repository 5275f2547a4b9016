import type { Kline, Side } from '@cryptosignal/domain';
import type { FactorSnapshot } from '@cryptosignal/features';
import { computeConfidence, type FactorScores, type FactorWeights } from './confidence.js';
import type { CostExpectation } from './cost-book.js';
import type { ProbabilityEstimate, SignalDecision, StrategyId } from './decision.js';
import type { AppliedThresholds } from './gate-settings.js';
import { runGates } from './gates.js';
import { type CandidateRules, PositionBook } from './position-book.js';
import { signalIdOf } from './signal-id.js';
import { entryPriceLimit, expectedValueNet, planTrade, type TradePlanConfig } from './trade-plan.js';

/** Where a strategy gets its thresholds, win probability and expected costs from (adaptive or fixed). */
export interface StrategyInputs {
  /** Returns the thresholds (and A/B arm) the candidate `signalId` is judged by. */
  thresholdsFor(signalId: string): AppliedThresholds;
  /** Returns the win probability of a candidate of `confidence` (0–100). */
  probability(confidence: number): ProbabilityEstimate;
  /** Returns the expected cost of holding `side` on `symbol` for `holdHours`. */
  cost(symbol: string, side: Side, holdHours: number): CostExpectation;
}

/** The fixed parameters of one strategy instance. */
export interface StrategySettings {
  readonly id: StrategyId;
  /** Version of the strategy code and parameters, part of every signal id (e.g. `7.2.0`, `7.2.0-fixed`). */
  readonly version: string;
  readonly weights: Readonly<FactorWeights>;
  readonly rules: CandidateRules;
  /** TP/SL parameters; its maxHoldHours must equal rules.maxHoldHours. */
  readonly tradePlan: TradePlanConfig;
  /** Entry limit `offsetBps` beyond the close; undefined = market order at the next open. */
  readonly entryLimitOffsetBps: number | undefined;
}

/** A closed bar with its factors and the length of the gap-free run it ends (Gate1's input). */
export interface EvaluatedBar {
  readonly kline: Kline;
  readonly snapshot: FactorSnapshot;
  readonly bars: number;
  readonly afterGap: boolean;
}

function scoresOf(s: FactorSnapshot): FactorScores {
  return { T: s.T, M: s.M, C: s.C, V: s.V, O: s.O, B: s.B, F_v2: s.F_v2 };
}

/**
 * One strategy instance: confidence from the weighted factor sum, the candidate rule (plan `is_prime`: confidence ≥
 * minConfidence and the symbol free in this strategy's own PositionBook), then TP/SL, P, costs, EV_net and gates
 * 1–4. An accepted candidate opens a position in the book; a rejected one does not (it is a shadow trade).
 */
export class Strategy {
  readonly book: PositionBook;

  /** Thrown (RangeError) when the trade plan's maximum hold differs from the candidate rules'. */
  constructor(
    readonly settings: StrategySettings,
    private readonly inputs: StrategyInputs,
  ) {
    if (settings.tradePlan.maxHoldHours !== settings.rules.maxHoldHours)
      throw new RangeError('trade plan and candidate rules must share the maximum hold');
    this.book = new PositionBook(settings.rules);
  }

  /** Returns the decision on `bar` when it is a candidate of this strategy, else undefined. */
  evaluate(bar: EvaluatedBar): SignalDecision | undefined {
    const { snapshot, kline } = bar;
    const s = this.settings;
    const confidence = computeConfidence(scoresOf(snapshot), s.weights);
    const side = confidence.side;
    if (side === undefined || confidence.confidence < s.rules.minConfidence) return undefined;
    if (!this.book.isFree(kline.symbol, kline.openTime)) return undefined;
    const signalId = signalIdOf(kline.symbol, kline.openTime, s.version);
    const applied = this.inputs.thresholdsFor(signalId);
    const probability = this.inputs.probability(confidence.confidence);
    const plan = planTrade(side, snapshot.price, snapshot.atr, s.tradePlan);
    const cost = this.inputs.cost(kline.symbol, side, plan.maxHoldHours);
    const evNet = expectedValueNet(probability.p, plan.tp, plan.sl, cost.roundTripBps / 10_000);
    const verdict = runGates(
      {
        side,
        bars: bar.bars,
        afterGap: bar.afterGap,
        fV2: snapshot.F_v2,
        independence: snapshot.I,
        marketRegime: snapshot.marketRegime,
        evNet,
      },
      applied.thresholds,
    );
    if (verdict.accepted) this.book.opened(kline.symbol, kline.openTime, signalId);
    return {
      signalId,
      strategy: s.id,
      strategyVersion: s.version,
      symbol: kline.symbol,
      side,
      barOpenMs: kline.openTime,
      signalTimeMs: kline.closeTime,
      confidence,
      snapshot,
      probability,
      cost,
      plan,
      evNet,
      entryPriceLimit: entryPriceLimit(side, snapshot.price, s.entryLimitOffsetBps),
      applied,
      verdict,
    };
  }
}
