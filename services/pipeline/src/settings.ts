import type { SymbolId } from '@cryptosignal/domain';
import type {
  FeatureLayout,
  ModelKind,
  RegimeAdaptiveConfig,
  V73Parameters,
} from '@cryptosignal/inference-client';
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
  /** The model-consulting strategies (v7.3 and the plan's A/B arms); undefined = v7.2 only (the default). */
  readonly models?: ModelStrategySettings;
}

/**
 * The strategies that consult models, run beside v7.2 on the same bars, inputs and costs:
 * - `v73` (`v73Version`, default `7.3.0`): a v7.2 candidate confirmed by the Transformer (4 h mean log return beyond
 *   ±1.5 % its way: confidence ×1.2, TP = max(2.5 %, 0.7·2σ), SL = max(1.5 %, 0.4·2σ)), then the regime's minimum
 *   confidence and its TP/SL/size multipliers (`regimes`, models/regime-adaptive.json); P is the calibrated one or,
 *   with `probability: 'xgboost'`, XGBoost's P(profit);
 * - the A/B arms, when set (backtests): `v72-ml-weights`, v7.2 with the factor weights XGBoost's importance gives
 *   (models/factor-weights manifest), and `v72-regime`, v7.2 with the regime-adaptive parameters alone.
 * `layouts` are the models' input layouts (their manifests); `callTimeoutMs` the deadline of each inference call
 * (undefined = the port's own).
 */
export interface ModelStrategySettings {
  readonly v73Version: string;
  readonly probability: 'calibrated' | 'xgboost';
  readonly params: V73Parameters;
  readonly regimes: RegimeAdaptiveConfig;
  readonly layouts: Readonly<Record<ModelKind, FeatureLayout>>;
  readonly callTimeoutMs: number | undefined;
  readonly arms: ModelArms;
}

/** The plan's A/B arms: each is run when set, under its own version. */
export interface ModelArms {
  /** v7.2 with XGBoost's factor weights; `modelVersion` is the factor-weights model they come from. */
  readonly mlWeights:
    | { readonly version: string; readonly weights: Readonly<FactorWeights>; readonly modelVersion: string }
    | undefined;
  /** v7.2 with the regime-adaptive parameters (minimum confidence, TP/SL/size multipliers) of the LSTM's regime. */
  readonly regime: { readonly version: string } | undefined;
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
