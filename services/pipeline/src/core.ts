import { LatestCalibrationTable } from '@cryptosignal/calibration';
import type { Clock } from '@cryptosignal/runtime';
import { ConfigError } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import { CostBook } from './domain/cost-book.js';
import { GateSettings } from './domain/gate-settings.js';
import { PipelineEngine } from './domain/pipeline-engine.js';
import { Strategy, type StrategySettings } from './domain/strategy.js';
import { AdaptiveInputs, FixedInputs } from './domain/strategy-inputs.js';
import type { BarTag, PipelineHandlerContext } from './handlers/context.js';
import { type PipelineMetrics, showThresholds } from './metrics.js';
import type { DecisionPublisher } from './ports.js';
import type { PipelineConfig } from './settings.js';

/** The ports the pipeline's core is built over. */
export interface CoreDeps {
  readonly publisher: DecisionPublisher;
  readonly metrics: PipelineMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
}

/**
 * Returns the handler context of the pipeline: the engine with the adaptive `v72` strategy and (unless disabled)
 * the `v72-fixed` baseline, each with its own PositionBook and signal ids, and the run-time config state the
 * adaptive strategy reads. Thrown (ConfigError) when both strategies would share a version (their signal ids
 * would collide) or a setting is invalid.
 */
export function createPipelineCore(config: PipelineConfig, deps: CoreDeps): PipelineHandlerContext {
  try {
    return buildCore(config, deps);
  } catch (cause) {
    if (!(cause instanceof RangeError)) throw cause;
    throw new ConfigError(`invalid configuration: ${cause.message}`, [cause.message], { cause });
  }
}

function buildCore(config: PipelineConfig, deps: CoreDeps): PipelineHandlerContext {
  const { strategies: versions } = config;
  if (versions.baselineEnabled && versions.adaptive === versions.baseline)
    throw new ConfigError('invalid configuration: strategy and baseline versions must differ', [
      'PIPELINE_STRATEGY_VERSION and PIPELINE_BASELINE_VERSION must differ',
    ]);
  const gates = new GateSettings(config.initialThresholds, config.scopes.gates);
  const calibration = new LatestCalibrationTable();
  const costs = new CostBook(config.costs, config.scopes.costs);
  const common: Omit<StrategySettings, 'id' | 'version'> = {
    weights: config.weights,
    rules: config.rules,
    tradePlan: config.tradePlan,
    entryLimitOffsetBps: config.entryLimitOffsetBps,
  };
  const strategies = [
    new Strategy(
      { ...common, id: 'v72', version: versions.adaptive },
      new AdaptiveInputs(gates, calibration, costs),
    ),
  ];
  if (versions.baselineEnabled) {
    const fixed = new FixedInputs(config.initialThresholds, new CostBook(config.costs, undefined));
    strategies.push(new Strategy({ ...common, id: 'v72-fixed', version: versions.baseline }, fixed));
  }
  const engine = new PipelineEngine<BarTag>(config.engine, strategies);
  showThresholds(deps.metrics, gates.current());
  return {
    ...deps,
    engine,
    outbox: new Map(),
    gates,
    costs,
    calibration,
    calibrationScope: config.scopes.calibration,
  };
}
