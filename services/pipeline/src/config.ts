import {
  type DeepReadonly,
  envBool,
  envEnum,
  envInt,
  envList,
  envMatching,
  envNumber,
  kafkaEnv,
  loadConfig,
  telemetryEnv,
  z,
} from '@cryptosignal/config';
import { parseSymbol } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';
import { FACTOR_NAMES, type FactorName, type FactorWeights } from './domain/confidence.js';
import { modelSettingsOf, v73Env } from './inference-config.js';
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from './settings.js';

const SYMBOL = /^[A-Z0-9]{2,20}USDT$/;
const WEIGHT = /^(T|M|C|V|O|B|F_v2)=(\d+\.?\d*|\.\d+)$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const PREFIX = /^[A-Za-z0-9._-]{0,100}$/;
const D = DEFAULT_PIPELINE_CONFIG;

/** The pipeline's own variables; README.md "Configuration" has the table. */
export function pipelineEnv() {
  return {
    PIPELINE_MIN_CONFIDENCE: envNumber({ min: 0, max: 100 }, 'a confidence 0..100').default(
      D.rules.minConfidence,
    ),
    PIPELINE_COOLDOWN_HOURS: envNumber({ min: 0, max: 720 }, 'hours 0..720').default(D.rules.cooldownHours),
    PIPELINE_MAX_HOLD_HOURS: envNumber({ min: 1, max: 720 }, 'hours 1..720').default(D.rules.maxHoldHours),
    PIPELINE_FACTOR_WEIGHTS: envList(WEIGHT, 'comma-separated FACTOR=weight, e.g. T=0.25,M=0.2').optional(),
    PIPELINE_TP_ATR_MULTIPLE: envNumber({ min: 0, max: 100 }, 'ATR multiple 0..100').default(
      D.tradePlan.tpAtrMultiple,
    ),
    PIPELINE_SL_ATR_MULTIPLE: envNumber({ min: 0, max: 100 }, 'ATR multiple 0..100').default(
      D.tradePlan.slAtrMultiple,
    ),
    PIPELINE_ENTRY_LIMIT_OFFSET_BPS: envNumber({ min: 0, max: 1000 }, 'bps 0..1000').optional(),
    PIPELINE_SYMBOLS: envList(SYMBOL, 'comma-separated USDT symbols, e.g. BTCUSDT,ETHUSDT').optional(),
    PIPELINE_REFERENCE_SYMBOL: envMatching(SYMBOL, 'a USDT symbol, e.g. BTCUSDT').default(
      D.engine.reference.symbol,
    ),
    PIPELINE_REFERENCE_PRIMARY: envEnum(['perp', 'spot'], 'perp|spot').default(D.engine.reference.primary),
    PIPELINE_MAX_PENDING_BARS: envInt({ min: 1, max: 1000 }, 'bars 1..1000').default(D.engine.maxPendingBars),
    PIPELINE_FALLBACK_COST_BPS: envNumber({ min: 0, max: 1000 }, 'bps 0..1000').default(
      D.costs.fallbackEntryBps,
    ),
    PIPELINE_COST_ESTIMATE: envEnum(['median', 'p95'], 'median|p95').default(D.costs.estimate),
    PIPELINE_ASSUMED_FUNDING_RATE_PER_8H: envNumber({ min: -0.01, max: 0.01 }, 'a fraction per 8 h').default(
      D.costs.assumedFundingRatePer8h,
    ),
    PIPELINE_GATES_SCOPE: envMatching(NAME, 'a config scope').default(D.scopes.gates),
    PIPELINE_CALIBRATION_SCOPE: envMatching(NAME, 'a config scope').default(D.scopes.calibration),
    PIPELINE_COSTS_SCOPE: envMatching(NAME, 'a config scope').default(D.scopes.costs),
    PIPELINE_STRATEGY_VERSION: envMatching(NAME, 'a version').default(D.strategies.adaptive),
    PIPELINE_BASELINE_VERSION: envMatching(NAME, 'a version').default(D.strategies.baseline),
    PIPELINE_BASELINE_ENABLED: envBool('a boolean (true/false)').default(D.strategies.baselineEnabled),
    PIPELINE_INSTANCE_ID: envMatching(NAME, 'an instance id').optional(),
    KAFKA_GROUP_ID: envMatching(NAME, 'a Kafka group id').default(D.groupId),
    KAFKA_TOPIC_PREFIX: envMatching(PREFIX, 'a Kafka topic name prefix').default(''),
    KAFKA_PARTITIONS_PER_TOPIC: envInt({ min: 1, max: 1_000 }, 'an integer 1..1000').default(12),
  };
}

/** The environment schema of the pipeline in distributed mode. */
export const pipelineConfigSchema = z.object({
  ...kafkaEnv({ clientId: 'pipeline' }),
  ...telemetryEnv({ serviceName: 'pipeline', adminPort: 9464 }),
  ...pipelineEnv(),
  ...v73Env(),
});

/** The parsed, frozen environment of `pipelineConfigSchema`. */
export type PipelineEnvConfig = DeepReadonly<z.output<typeof pipelineConfigSchema>>;

/**
 * Parses the pipeline's environment (default `process.env`) once and returns it frozen.
 * Thrown (ConfigError listing every problem) when a variable is missing or invalid.
 */
export function loadPipelineConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): PipelineEnvConfig {
  return loadConfig(pipelineConfigSchema, env);
}

/** Returns the weights of `FACTOR=weight` items over the defaults. Thrown (ConfigError) when all weights are 0. */
function weightsOf(items: readonly string[] | undefined): FactorWeights {
  const weights: Record<FactorName, number> = { ...D.weights };
  for (const item of items ?? []) {
    const [name, value] = item.split('=') as [FactorName, string];
    weights[name] = Number(value);
  }
  if (FACTOR_NAMES.every((n) => weights[n] === 0))
    throw new ConfigError('invalid configuration', [
      'PIPELINE_FACTOR_WEIGHTS: at least one weight must be > 0',
    ]);
  return weights;
}

/**
 * Returns the `PipelineConfig` of a parsed environment; `instanceId` is used when PIPELINE_INSTANCE_ID is unset.
 * With PIPELINE_V73_ENABLED the models' layouts and regime parameters are read from PIPELINE_MODELS_DIR now.
 * Thrown (ConfigError) when all factor weights are 0 or a model file is unreadable or invalid.
 */
export function toPipelineConfig(env: PipelineEnvConfig, instanceId: string): PipelineConfig {
  const maxHoldHours = env.PIPELINE_MAX_HOLD_HOURS;
  const models = modelSettingsOf(env);
  return Object.freeze({
    ...D,
    rules: {
      minConfidence: env.PIPELINE_MIN_CONFIDENCE,
      cooldownHours: env.PIPELINE_COOLDOWN_HOURS,
      maxHoldHours,
    },
    weights: weightsOf(env.PIPELINE_FACTOR_WEIGHTS),
    tradePlan: {
      ...D.tradePlan,
      tpAtrMultiple: env.PIPELINE_TP_ATR_MULTIPLE,
      slAtrMultiple: env.PIPELINE_SL_ATR_MULTIPLE,
      maxHoldHours,
    },
    entryLimitOffsetBps: env.PIPELINE_ENTRY_LIMIT_OFFSET_BPS,
    engine: {
      ...D.engine,
      symbols: env.PIPELINE_SYMBOLS ? new Set(env.PIPELINE_SYMBOLS.map(parseSymbol)) : undefined,
      reference: {
        ...D.engine.reference,
        symbol: parseSymbol(env.PIPELINE_REFERENCE_SYMBOL),
        primary: env.PIPELINE_REFERENCE_PRIMARY,
      },
      maxPendingBars: env.PIPELINE_MAX_PENDING_BARS,
    },
    costs: {
      fallbackEntryBps: env.PIPELINE_FALLBACK_COST_BPS,
      estimate: env.PIPELINE_COST_ESTIMATE,
      assumedFundingRatePer8h: env.PIPELINE_ASSUMED_FUNDING_RATE_PER_8H,
    },
    scopes: {
      gates: env.PIPELINE_GATES_SCOPE,
      calibration: env.PIPELINE_CALIBRATION_SCOPE,
      costs: env.PIPELINE_COSTS_SCOPE,
    },
    strategies: {
      adaptive: env.PIPELINE_STRATEGY_VERSION,
      baseline: env.PIPELINE_BASELINE_VERSION,
      baselineEnabled: env.PIPELINE_BASELINE_ENABLED,
    },
    groupId: env.KAFKA_GROUP_ID,
    instanceId: env.PIPELINE_INSTANCE_ID ?? instanceId,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    ...(models ? { models } : {}),
  });
}
