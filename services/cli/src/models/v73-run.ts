import { ML_WEIGHTS_ARM_VERSION, REGIME_ARM_VERSION } from '@cryptosignal/pipeline';
import { ConfigError } from '@cryptosignal/runtime';
import type { SqlClient } from '@cryptosignal/store';
import { createLogger } from '@cryptosignal/telemetry';
import { type AbComparison, buildAbComparisons, planAbPairs } from '../report/ab-comparisons.js';
import { buildModelsSection } from '../report/models-section.js';
import { type EmbeddedModels, servedVersions, startEmbeddedModels } from './embedded-models.js';

/** The strategies `backtest --strategy` runs: the v7.2 rules, or v7.3 beside them with the plan's A/B arms. */
export const BACKTEST_STRATEGIES = ['v72', 'v73'] as const;

/**
 * Returns the models a backtest of `strategy` needs: none for `v72`; for `v73` the in-process engine and the model
 * strategies from the registry folder `modelsDir`. Thrown (ConfigError) for another strategy name, or as
 * `startEmbeddedModels` when the models are unusable.
 */
export async function embeddedModelsFor(
  strategy: string,
  modelsDir: string,
): Promise<EmbeddedModels | undefined> {
  if (!(BACKTEST_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new ConfigError(`--strategy ${strategy}: must be one of ${BACKTEST_STRATEGIES.join(', ')}`);
  }
  if (strategy === 'v72') return undefined;
  return startEmbeddedModels(modelsDir, createLogger({ service: 'inference', level: 'warn' }));
}

/** What the v7.3 sections of a report are computed over. */
export interface V73ReportScope {
  readonly fromMs: number;
  readonly toMs: number;
  readonly initialEquityUsdt: number;
  /** The adaptive v7.2 strategy every arm is compared with. */
  readonly v72Version: string;
  /** How the report names the model registry folder. */
  readonly modelsDirLabel: string;
}

/**
 * Returns the report sections of a v7.3 run: `models` (how inference ran, served versions, model cards, factor
 * weights, regime parameters, candidates decided by the models and fallbacks by reason) and `ab_comparisons` (ML
 * weights, regime-adaptive and v7.3 each against v7.2, same replay, costs and funding).
 * Thrown (ConfigError) when a manifest is unreadable; the store's error when a query fails.
 */
export async function v73ReportSections(
  store: SqlClient,
  models: EmbeddedModels,
  scope: V73ReportScope,
): Promise<{ models: Record<string, unknown>; ab_comparisons: AbComparison[] }> {
  const v73 = models.settings.v73Version;
  const section = await buildModelsSection(store, {
    modelsDir: models.modelsDir,
    modelsDirLabel: scope.modelsDirLabel,
    inference: 'in-process (onnxruntime-node, cpu, no deadline)',
    served: servedVersions(models),
    probability: models.settings.probability,
    regimeAdaptive: models.settings.regimes,
    strategyVersions: [v73, models.settings.arms.regime?.version ?? REGIME_ARM_VERSION],
  });
  const pairs = planAbPairs({
    v72: scope.v72Version,
    v73,
    mlWeights: models.settings.arms.mlWeights?.version ?? ML_WEIGHTS_ARM_VERSION,
    regime: models.settings.arms.regime?.version ?? REGIME_ARM_VERSION,
  });
  return { models: section, ab_comparisons: await buildAbComparisons(store, pairs, scope) };
}
