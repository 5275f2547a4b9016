import {
  FALLBACK_REASONS,
  type FallbackReason,
  loadModelCard,
  loadModelFactorWeights,
  MODEL_KINDS,
  type RegimeAdaptiveConfig,
} from '@cryptosignal/inference-client';
import { TradeRecords } from '@cryptosignal/records';
import type { SqlClient } from '@cryptosignal/store';

/** How many candidates of one model-consulting strategy the models decided, and why the others fell back. */
export interface ModelUsage {
  readonly strategy_version: string;
  /** Candidates taken to the models (every one the v7.2 gates accepted). */
  readonly evaluated: number;
  /** Of those, decided from the models' answers. */
  readonly from_models: number;
  /** Of those, decided by the v7.2 rules instead, by reason (docs/telemetry.md). */
  readonly fallbacks: Readonly<Record<FallbackReason, number>>;
  /** fallbacks / evaluated, null without candidates. */
  readonly fallback_rate: number | null;
}

/** What `report.json` `models` is built from. */
export interface ModelsSectionInput {
  /** The model registry folder, to read the model cards from, and how the report names it. */
  readonly modelsDir: string;
  readonly modelsDirLabel: string;
  /** How the models were run, e.g. `in-process (onnxruntime-node, cpu)`. */
  readonly inference: string;
  /** The model versions the engine served, by kind. */
  readonly served: Readonly<Record<string, string>>;
  /** P used by v7.3: `calibrated` or `xgboost`. */
  readonly probability: string;
  readonly regimeAdaptive: RegimeAdaptiveConfig;
  /** Versions of the strategies that consulted models. */
  readonly strategyVersions: readonly string[];
}

/** Returns the reason code of a snapshot's `fallback_reason` (`<reason>: <detail>`), `error` when unknown. */
export function fallbackReasonOf(text: string | null): FallbackReason {
  const code = (text ?? '').split(':', 1)[0] as FallbackReason;
  return FALLBACK_REASONS.includes(code) ? code : 'error';
}

async function usageOf(records: TradeRecords, version: string): Promise<ModelUsage> {
  const signals = await records.signals({ strategyVersion: version });
  const evaluated = signals.filter((s) => Object.keys(s.modelVersions).length > 0);
  const fallbacks = Object.fromEntries(FALLBACK_REASONS.map((r) => [r, 0])) as Record<FallbackReason, number>;
  for (const s of evaluated) if (s.fallback) fallbacks[fallbackReasonOf(s.fallbackReason)] += 1;
  const fellBack = Object.values(fallbacks).reduce((a, b) => a + b, 0);
  return {
    strategy_version: version,
    evaluated: evaluated.length,
    from_models: evaluated.length - fellBack,
    fallbacks,
    fallback_rate: evaluated.length > 0 ? fellBack / evaluated.length : null,
  };
}

/**
 * Returns `report.json` `models`: how inference ran, the version each model served, each model's card (version,
 * sha256, feature layout, train/valid/test windows, metrics beside its naive baselines), the XGBoost factor weights,
 * the regime-adaptive parameters, and per model-consulting strategy how many candidates the models decided and the
 * fallbacks by reason (from the recorded snapshots). Thrown (ConfigError) when a manifest is unreadable; the store's
 * error when a query fails.
 */
export async function buildModelsSection(
  store: SqlClient,
  input: ModelsSectionInput,
): Promise<Record<string, unknown>> {
  const records = new TradeRecords(store);
  const cards = Object.fromEntries(
    MODEL_KINDS.map((kind) => {
      const card = loadModelCard(input.modelsDir, kind);
      return [
        kind,
        {
          name: card.name,
          version: card.version,
          served_version: input.served[kind] ?? null,
          sha256: card.sha256,
          feature_spec_version: card.featureSpecVersion,
          windows: card.windows,
          metrics: card.metrics,
        },
      ];
    }),
  );
  const weights = loadModelFactorWeights(input.modelsDir);
  const usage: ModelUsage[] = [];
  for (const version of input.strategyVersions) usage.push(await usageOf(records, version));
  return {
    inference: input.inference,
    models_dir: input.modelsDirLabel,
    probability: input.probability,
    cards,
    factor_weights: { model_version: weights.version, source: weights.source, weights: weights.weights },
    regime_adaptive: input.regimeAdaptive,
    usage,
  };
}
