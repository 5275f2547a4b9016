import { analyzeGates, type GateAnalysis } from '../domain/analyze-gates.js';
import { experimentIdOf, type GateExperiment } from '../domain/experiment.js';
import { type GateThresholdSet, INITIAL_GATE_THRESHOLDS } from '../domain/thresholds.js';
import { GATES_SCOPE } from '../settings.js';
import { advanceExperiment, type ExperimentStep } from './advance-experiment.js';
import type { GateOptimizerDeps } from './deps.js';

/** What a weekly run did: the analysis and its run id, the experiment step, and the experiment it started. */
export interface OptimizeOutcome {
  readonly analysis: GateAnalysis;
  readonly runId: string;
  readonly experiment: ExperimentStep;
  readonly started: GateExperiment | null;
}

/** Returns the production thresholds of `scope` in force at `asOfMs`: the last promoted set, else the plan's. */
export async function thresholdsInForce(
  deps: Pick<GateOptimizerDeps, 'store'>,
  scope: string,
  asOfMs?: number,
): Promise<GateThresholdSet> {
  return (await deps.store.productionConfig(scope, asOfMs))?.thresholds ?? INITIAL_GATE_THRESHOLDS;
}

async function startExperiment(
  deps: GateOptimizerDeps,
  analysis: GateAnalysis,
  runId: string,
  candidate: GateThresholdSet,
): Promise<GateExperiment> {
  const experiment: GateExperiment = {
    experimentId: experimentIdOf(GATES_SCOPE, analysis.asOfMs),
    scope: GATES_SCOPE,
    status: 'running',
    startedAtMs: analysis.asOfMs,
    control: analysis.current,
    treatment: candidate,
    trafficFraction: deps.settings.trafficFraction,
    sweepRunId: runId,
    analysis: null,
    verdict: null,
    decidedAtMs: null,
  };
  await deps.store.saveExperiment(experiment);
  await deps.publisher?.publishExperiment(experiment, analysis.asOfMs);
  deps.metrics.experiments.inc({ outcome: 'started' });
  deps.logger.info(
    { experimentId: experiment.experimentId, treatment: candidate },
    'gate experiment started',
  );
  return experiment;
}

/**
 * The weekly gate update as of `asOfMs` (ms UTC): first judges the running experiment (which may promote its
 * candidate to production), then analyses every gate on the executed and shadow trades closed by asOf (sweep,
 * walk-forward, deflated Sharpe, filtering accuracy) against the thresholds in force, stores the run, and —
 * when no experiment is running or just ended, and the analysis proposes a candidate — starts an A/B
 * experiment with it as variant B. Nothing reaches production except through a promotion.
 * Thrown (RetryableError) when storage or broker is unreachable.
 */
export async function optimizeGates(deps: GateOptimizerDeps, asOfMs: number): Promise<OptimizeOutcome> {
  const experiment = await advanceExperiment(deps, GATES_SCOPE, asOfMs);
  const current = await thresholdsInForce(deps, GATES_SCOPE, asOfMs);
  const records = await deps.trades.sweepTrades(asOfMs);
  const analysis = analyzeGates(records, current, asOfMs, deps.settings);
  const runId = await deps.store.saveSweepRun(GATES_SCOPE, analysis, deps.clock.nowMs());
  deps.metrics.recordAnalysis(analysis);
  const free = experiment.kind === 'none';
  const started =
    free && analysis.candidate !== null && deps.publisher !== undefined
      ? await startExperiment(deps, analysis, runId, analysis.candidate)
      : null;
  deps.logger.info(
    { asOfMs, executed: analysis.executed, shadow: analysis.shadow, candidate: analysis.candidate !== null },
    'gates analysed',
  );
  return { analysis, runId, experiment, started };
}
