import type { SymbolId } from '@cryptosignal/domain';
import { DEFAULT_FACTOR_WEIGHTS, type FactorWeights } from './domain/confidence.js';
import { type CostSettings, DEFAULT_COST_SETTINGS } from './domain/cost-book.js';
import { DEFAULT_GATE_THRESHOLDS, type GateThresholds } from './domain/gates.js';
import type { EngineSettings } from './domain/pipeline-engine.js';
import { type CandidateRules, DEFAULT_CANDIDATE_RULES } from './domain/position-book.js';
import { DEFAULT_TRADE_PLAN, type TradePlanConfig } from './domain/trade-plan.js';

/** Versions of the two strategy instances (part of every signal id) and whether the baseline runs. */
export interface StrategyVersions {
  /** Version of the adaptive `v72` strategy (default `7.2.0`). */
  readonly adaptive: string;
  /** Version of the `v72-fixed` baseline (default `7.2.0-fixed`). */
  readonly baseline: string;
  /** Run the baseline beside the adaptive strategy (default true). */
  readonly baselineEnabled: boolean;
}

/** Scopes (keys of the compacted config topics) the adaptive strategy follows. */
export interface ConfigScopes {
  /** config.gates production scope; its A/B variant-B set lives on `<gates>.experiment` (default `global`). */
  readonly gates: string;
  readonly calibration: string;
  readonly costs: string;
}

/**
 * What the pipeline's composition root needs, whichever host runs it (its own main in distributed mode, the CLI
 * in embedded mode). Units: hours, bps of notional, fractions; times UTC.
 */
export interface PipelineConfig {
  readonly rules: CandidateRules;
  readonly weights: Readonly<FactorWeights>;
  /** TP/SL from ATR with the plan's floors; `maxHoldHours` always equals `rules.maxHoldHours`. */
  readonly tradePlan: TradePlanConfig;
  /** Entry limit offset beyond the close, bps; undefined = market order at the next bar's open (default). */
  readonly entryLimitOffsetBps: number | undefined;
  /** Thresholds the adaptive strategy starts from and the baseline keeps (the plan's initial values). */
  readonly initialThresholds: GateThresholds;
  readonly engine: EngineSettings;
  readonly costs: CostSettings;
  readonly scopes: ConfigScopes;
  readonly strategies: StrategyVersions;
  /** Consumer group of the market topics (default `pipeline`, the service name). */
  readonly groupId: string;
  /**
   * Suffix of the consumer groups of the config topics and trades.closed, unique per process start, so every
   * start reads them from the beginning (compacted config topics: the latest value per scope).
   */
  readonly instanceId: string;
  /** Prepended to every topic name (default empty; isolates environments sharing a cluster). */
  readonly topicPrefix: string;
}

/** The defaults, documented in docs/pipeline.md. */
export const DEFAULT_PIPELINE_CONFIG: PipelineConfig = Object.freeze({
  rules: DEFAULT_CANDIDATE_RULES,
  weights: DEFAULT_FACTOR_WEIGHTS,
  tradePlan: { ...DEFAULT_TRADE_PLAN, maxHoldHours: DEFAULT_CANDIDATE_RULES.maxHoldHours },
  entryLimitOffsetBps: undefined,
  initialThresholds: DEFAULT_GATE_THRESHOLDS,
  engine: Object.freeze({
    signalMarket: 'perp' as const,
    symbols: undefined,
    reference: Object.freeze({
      symbol: 'BTCUSDT' as SymbolId,
      primary: 'perp' as const,
      retentionHours: 168,
    }),
    maxPendingBars: 6,
    factors: {},
  }),
  costs: DEFAULT_COST_SETTINGS,
  scopes: Object.freeze({ gates: 'global', calibration: 'global', costs: 'global' }),
  strategies: Object.freeze({ adaptive: '7.2.0', baseline: '7.2.0-fixed', baselineEnabled: true }),
  groupId: 'pipeline',
  instanceId: 'embedded',
  topicPrefix: '',
});
