import { bootstrapProbability, type CalibrationLookup } from '@cryptosignal/calibration';
import type { Side } from '@cryptosignal/domain';
import type { CostBook, CostExpectation } from './cost-book.js';
import type { ProbabilityEstimate } from './decision.js';
import type { AppliedThresholds, GateSettings } from './gate-settings.js';
import { checkGateThresholds, type GateThresholds } from './gates.js';
import type { StrategyInputs } from './strategy.js';

/**
 * Inputs of the adaptive strategy: thresholds from config.gates (with the A/B arm), P from the newest
 * config.calibration table (the bootstrap map before one arrived), costs from config.costs (6 bps per fill and the
 * assumed funding before one arrived).
 */
export class AdaptiveInputs implements StrategyInputs {
  constructor(
    private readonly gates: GateSettings,
    private readonly calibration: CalibrationLookup,
    private readonly costs: CostBook,
  ) {}

  thresholdsFor(signalId: string): AppliedThresholds {
    return this.gates.forSignal(signalId);
  }

  probability(confidence: number): ProbabilityEstimate {
    const looked = this.calibration.lookup(confidence);
    return { p: looked.p, source: looked.source, calibrationVersion: looked.version ?? undefined };
  }

  cost(symbol: string, side: Side, holdHours: number): CostExpectation {
    return this.costs.expect(symbol, side, holdHours);
  }
}

/**
 * Inputs of the v7.2-fixed baseline: the plan's initial thresholds, the bootstrap map
 * P = clamp(0.40 + confidence/100 · 0.30, 0.35, 0.75) and the fallback costs, whatever config topics say.
 */
export class FixedInputs implements StrategyInputs {
  private readonly applied: AppliedThresholds;

  /** Thrown (RangeError) when `thresholds` are invalid. */
  constructor(
    thresholds: GateThresholds,
    private readonly costs: CostBook,
  ) {
    this.applied = { thresholds: checkGateThresholds({ ...thresholds }), version: undefined };
  }

  thresholdsFor(): AppliedThresholds {
    return this.applied;
  }

  probability(confidence: number): ProbabilityEstimate {
    return { p: bootstrapProbability(confidence), source: 'bootstrap', calibrationVersion: undefined };
  }

  cost(symbol: string, side: Side, holdHours: number): CostExpectation {
    return this.costs.expect(symbol, side, holdHours);
  }
}
