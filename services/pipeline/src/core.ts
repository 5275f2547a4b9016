import { LatestCalibrationTable } from '@cryptosignal/calibration';
import { type InferencePort, RegimeAdaptiveStrategy } from '@cryptosignal/inference-client';
import type { Clock } from '@cryptosignal/runtime';
import { ConfigError } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import { CostBook } from './domain/cost-book.js';
import type { StrategyId } from './domain/decision.js';
import { GateSettings } from './domain/gate-settings.js';
import type { ModelStageSettings } from './domain/model-fusion.js';
import { compileLayouts } from './domain/model-inputs.js';
import { PipelineEngine } from './domain/pipeline-engine.js';
import { Strategy, type StrategySettings } from './domain/strategy.js';
import { AdaptiveInputs, FixedInputs } from './domain/strategy-inputs.js';
import type { BarTag, ModelContext, PipelineHandlerContext } from './handlers/context.js';
import { type PipelineMetrics, showConfigVersion, showThresholds } from './metrics.js';
import type { DecisionPublisher } from './ports.js';
import type { ModelStrategySettings, PipelineConfig } from './settings.js';

/** The ports the pipeline's core is built over. */
export interface CoreDeps {
  readonly publisher: DecisionPublisher;
  readonly metrics: PipelineMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The models (gRPC client or in-process engine); required when `config.models` is set. */
  readonly inference?: InferencePort;
}

/**
 * Returns the handler context of the pipeline: the engine with the adaptive `v72` strategy, (unless disabled) the
 * `v72-fixed` baseline and, with `config.models`, `v73` and the A/B arms set there, each with its own PositionBook
 * and signal ids, and the run-time config state the adaptive strategies read. Thrown (ConfigError) when two
 * strategies would share a version (their signal ids would collide), models are configured without an inference
 * port, or a setting is invalid.
 */
export function createPipelineCore(config: PipelineConfig, deps: CoreDeps): PipelineHandlerContext {
  try {
    return buildCore(config, deps);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw new ConfigError(`invalid configuration: ${cause.message}`, [cause.message], { cause });
  }
}

function checkVersions(strategies: readonly Strategy[]): void {
  const versions = strategies.map((s) => s.settings.version);
  if (new Set(versions).size === versions.length) return;
  throw new ConfigError('invalid configuration: strategy versions must differ', [
    `versions ${versions.join(', ')}: PIPELINE_STRATEGY_VERSION, PIPELINE_BASELINE_VERSION and PIPELINE_V73_VERSION must differ`,
  ]);
}

/** The model-consulting strategies of `m` and their stages; v7.2's common settings and the adaptive inputs. */
function modelStrategies(m: ModelStrategySettings, common: Common, inputs: AdaptiveInputs) {
  const regimes = new RegimeAdaptiveStrategy(m.regimes);
  const strategies = [new Strategy({ ...common, id: 'v73', version: m.v73Version }, inputs)];
  const stages = new Map<StrategyId, ModelStageSettings>([
    ['v73', { stage: 'v73', probability: m.probability, params: m.params, regimes }],
  ]);
  if (m.arms.mlWeights) {
    const { version, weights } = m.arms.mlWeights;
    strategies.push(new Strategy({ ...common, weights, id: 'v72-ml-weights', version }, inputs));
  }
  if (m.arms.regime) {
    strategies.push(new Strategy({ ...common, id: 'v72-regime', version: m.arms.regime.version }, inputs));
    stages.set('v72-regime', { stage: 'regime', probability: 'calibrated', params: m.params, regimes });
  }
  return { strategies, stages };
}

type Common = Omit<StrategySettings, 'id' | 'version'>;

function buildCore(config: PipelineConfig, deps: CoreDeps): PipelineHandlerContext {
  const { strategies: versions, models: m } = config;
  const gates = new GateSettings(config.initialThresholds, config.scopes.gates);
  const calibration = new LatestCalibrationTable();
  const costs = new CostBook(config.costs, config.scopes.costs);
  const common: Common = {
    weights: config.weights,
    rules: config.rules,
    tradePlan: config.tradePlan,
    entryLimitOffsetBps: config.entryLimitOffsetBps,
  };
  const adaptive = new AdaptiveInputs(gates, calibration, costs);
  const strategies = [new Strategy({ ...common, id: 'v72', version: versions.adaptive }, adaptive)];
  if (versions.baselineEnabled) {
    const fixed = new FixedInputs(config.initialThresholds, new CostBook(config.costs, undefined));
    strategies.push(new Strategy({ ...common, id: 'v72-fixed', version: versions.baseline }, fixed));
  }
  let models: ModelContext | undefined;
  if (m) {
    if (!deps.inference)
      throw new ConfigError('invalid configuration: models are configured without an inference port');
    const built = modelStrategies(m, common, adaptive);
    strategies.push(...built.strategies);
    models = {
      port: deps.inference,
      stages: built.stages,
      layouts: compileLayouts(m.layouts),
      referenceSymbol: config.engine.reference.symbol,
      call: m.callTimeoutMs === undefined ? undefined : { timeoutMs: m.callTimeoutMs },
    };
  }
  checkVersions(strategies);
  const historyHours = m
    ? Math.max(m.layouts.transformer.windowRows ?? 0, m.layouts.lstm.windowRows ?? 0)
    : 0;
  const engine = new PipelineEngine<BarTag>(
    { ...config.engine, featureHistoryHours: historyHours },
    strategies,
  );
  showThresholds(deps.metrics, gates.current());
  showConfigVersion(deps.metrics, undefined);
  return {
    publisher: deps.publisher,
    metrics: deps.metrics,
    logger: deps.logger,
    clock: deps.clock,
    engine,
    outbox: new Map(),
    gates,
    costs,
    calibration,
    calibrationScope: config.scopes.calibration,
    models,
  };
}
