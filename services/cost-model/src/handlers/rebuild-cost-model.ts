import { buildCostModel, type CostModel } from '../domain/cost-model.js';
import { type CostEstimateErrors, costEstimateErrors } from '../domain/estimate-error.js';
import { COSTS_SCOPE } from '../settings.js';
import type { CostModelDeps } from './deps.js';

/** What a rebuild did: the model, whether its version was new, and the estimate error at its time. */
export interface RebuildOutcome {
  readonly model: CostModel;
  readonly stored: boolean;
  readonly errors: CostEstimateErrors;
}

/**
 * Rebuilds the cost model as of `asOfMs` (ms UTC) from the fills and funding rates known then (never a later
 * one), measures the point-in-time estimate error over the last `errorWindowMs` of fills, stores the model,
 * publishes it on `config.costs`, and updates the gauges. Idempotent: the version is a content id.
 * Thrown (RetryableError) when storage or broker is unreachable.
 */
export async function rebuildCostModel(deps: CostModelDeps, asOfMs: number): Promise<RebuildOutcome> {
  const fills = await deps.records.executionCosts(asOfMs);
  // The model reads the last `fundingWindow` rates of each symbol (buildCostModel), so only those are loaded.
  const rates = await deps.store.fundingRates(asOfMs, deps.settings.fundingWindow);
  const model = buildCostModel(fills, rates, asOfMs, deps.settings);
  const errors = costEstimateErrors(
    fills,
    asOfMs - deps.settings.errorWindowMs,
    asOfMs,
    deps.settings,
    deps.estimateMemo,
  );
  const stored = await deps.store.saveModel({
    scope: COSTS_SCOPE,
    model,
    errors,
    createdAtMs: deps.clock.nowMs(),
  });
  await deps.publisher?.publish(COSTS_SCOPE, model);
  deps.metrics.recordModel(model, errors);
  deps.logger.info(
    {
      asOfMs,
      version: model.version,
      symbols: Object.keys(model.costs).length,
      errorBps: errors.median.mean_abs_error_bps,
    },
    'cost model rebuilt',
  );
  return { model, stored, errors };
}
