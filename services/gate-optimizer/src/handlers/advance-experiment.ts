import { type GateExperiment, judgeExperiment } from '../domain/experiment.js';
import { thresholdsVersion } from '../domain/thresholds.js';
import type { GateOptimizerDeps } from './deps.js';

/** What happened to the running experiment: nothing running, still running, or ended (promoted or rejected). */
export type ExperimentStep =
  | { readonly kind: 'none' }
  | { readonly kind: 'running'; readonly experiment: GateExperiment }
  | { readonly kind: 'ended'; readonly experiment: GateExperiment };

/**
 * Judges the running experiment of `scope` as of `asOfMs` (ms UTC) on its closed executed trades. On
 * promotion it stores and publishes the treatment as the new production set of `scope`, the ONLY way a new
 * production set is published; on promotion or rejection it publishes the end of the experiment (traffic 0)
 * and stores the decision. Without a publisher (on-demand analysis) it only reports. Returns the step.
 * Thrown (RetryableError) when storage or broker is unreachable.
 */
export async function advanceExperiment(
  deps: GateOptimizerDeps,
  scope: string,
  asOfMs: number,
): Promise<ExperimentStep> {
  const running = await deps.store.runningExperiment(scope);
  if (running === null) {
    deps.metrics.recordArms(null);
    return { kind: 'none' };
  }
  const arms = await deps.trades.experimentTrades(running.experimentId, asOfMs);
  deps.metrics.recordArms(arms);
  const { analysis, verdict } = judgeExperiment(
    running,
    arms.control,
    arms.treatment,
    asOfMs,
    deps.settings.experiment,
  );
  const judged: GateExperiment = { ...running, analysis, verdict };
  if (verdict.outcome === 'continue' || deps.publisher === undefined) {
    if (deps.publisher !== undefined) await deps.store.saveExperiment(judged);
    return { kind: 'running', experiment: judged };
  }
  const status = verdict.outcome === 'promote' ? 'promoted' : 'rejected';
  const ended: GateExperiment = { ...judged, status, decidedAtMs: asOfMs };
  if (status === 'promoted') {
    const config = {
      thresholds: ended.treatment,
      version: thresholdsVersion(ended.treatment),
      experimentId: ended.experimentId,
      publishedAtMs: asOfMs,
    };
    await deps.store.saveProductionConfig(scope, config);
    await deps.publisher.publishProduction(scope, config);
  }
  await deps.publisher.publishExperimentEnd(ended, asOfMs);
  await deps.store.saveExperiment(ended);
  deps.metrics.experiments.inc({ outcome: status });
  deps.logger.info(
    {
      experimentId: ended.experimentId,
      status,
      reason: verdict.decision.reason,
      detail: verdict.decision.detail,
    },
    'gate experiment decided',
  );
  return { kind: 'ended', experiment: ended };
}
