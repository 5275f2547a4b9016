import { Counter, Gauge, Histogram, type Registry } from '@cryptosignal/telemetry';
import type { SignalDecision } from './domain/decision.js';
import type { GateThresholds, RuleGateName } from './domain/gates.js';

/** Buckets of the bar processing histogram, seconds (docs/telemetry.md). */
export const BAR_PROCESSING_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Every instrument of the pipeline (docs/telemetry.md, section pipeline). */
export interface PipelineMetrics {
  /** cryptosignal_pipeline_signals_published_total{strategy,side}: signals that passed every gate. */
  readonly published: Counter<'strategy' | 'side'>;
  /** cryptosignal_pipeline_signals_rejected_total{strategy,gate}: candidates rejected, by the first rejecting gate. */
  readonly rejected: Counter<'strategy' | 'gate'>;
  /** cryptosignal_pipeline_bar_processing_seconds{strategy}: closed bar's arrival to the decision, seconds. */
  readonly barProcessing: Histogram<'strategy'>;
  /** cryptosignal_pipeline_gate_threshold{gate}: threshold of each gate in force for the adaptive strategy. */
  readonly gateThreshold: Gauge<'gate'>;
  /** cryptosignal_pipeline_inference_attempts_total: candidates a model-consulting strategy took to the models. */
  readonly inferenceAttempts: Counter;
  /** cryptosignal_pipeline_inference_fallbacks_total{reason}: of those, the ones decided by the v7.2 rules instead. */
  readonly inferenceFallbacks: Counter<'reason'>;
  /**
   * cryptosignal_pipeline_config_version: the production gate config in force, as the publication time of its
   * `config.gates` message (event time, Unix seconds); 0 while the initial thresholds apply.
   */
  readonly configVersion: Gauge;
}

function once<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/** Declares the pipeline's instruments on `registry` (reusing them when already declared there). */
export function createPipelineMetrics(registry: Registry): PipelineMetrics {
  const registers = [registry];
  return {
    published: once(
      registry,
      'cryptosignal_pipeline_signals_published_total',
      () =>
        new Counter({
          name: 'cryptosignal_pipeline_signals_published_total',
          help: 'Signals that passed every gate and were published, by strategy and side.',
          labelNames: ['strategy', 'side'],
          registers,
        }),
    ),
    rejected: once(
      registry,
      'cryptosignal_pipeline_signals_rejected_total',
      () =>
        new Counter({
          name: 'cryptosignal_pipeline_signals_rejected_total',
          help: 'Candidate signals rejected, by strategy and the first gate that rejected them.',
          labelNames: ['strategy', 'gate'],
          registers,
        }),
    ),
    barProcessing: once(
      registry,
      'cryptosignal_pipeline_bar_processing_seconds',
      () =>
        new Histogram({
          name: 'cryptosignal_pipeline_bar_processing_seconds',
          help: "From a closed bar's arrival to the decision (published, rejected or none), by strategy.",
          labelNames: ['strategy'],
          buckets: BAR_PROCESSING_BUCKETS_SECONDS,
          registers,
        }),
    ),
    gateThreshold: once(
      registry,
      'cryptosignal_pipeline_gate_threshold',
      () =>
        new Gauge({
          name: 'cryptosignal_pipeline_gate_threshold',
          help: 'Threshold each gate applies now (bars, F score, independence, EV bps), adaptive strategy.',
          labelNames: ['gate'],
          registers,
        }),
    ),
    inferenceAttempts: once(
      registry,
      'cryptosignal_pipeline_inference_attempts_total',
      () =>
        new Counter({
          name: 'cryptosignal_pipeline_inference_attempts_total',
          help: 'Candidates a model-consulting strategy (v7.3, the regime A/B arm) took to the models.',
          registers,
        }),
    ),
    inferenceFallbacks: once(
      registry,
      'cryptosignal_pipeline_inference_fallbacks_total',
      () =>
        new Counter({
          name: 'cryptosignal_pipeline_inference_fallbacks_total',
          help: 'Of those, candidates decided by the v7.2 rules instead (models unavailable, late, failing, no input), by reason.',
          labelNames: ['reason'],
          registers,
        }),
    ),
    configVersion: once(
      registry,
      'cryptosignal_pipeline_config_version',
      () =>
        new Gauge({
          name: 'cryptosignal_pipeline_config_version',
          help: 'Production gate config in force: publication time of its config.gates message, Unix seconds (0: initial thresholds).',
          registers,
        }),
    ),
  };
}

/** Counts published decisions by strategy and side, rejected ones by strategy and first rejecting gate. */
export function countDecisions(metrics: PipelineMetrics, decisions: readonly SignalDecision[]): void {
  for (const d of decisions) {
    const rejectedBy = d.verdict.rejectedBy;
    if (rejectedBy === undefined) metrics.published.inc({ strategy: d.strategy, side: d.side });
    else metrics.rejected.inc({ strategy: d.strategy, gate: rejectedBy.gate });
  }
}

/**
 * Sets the config-version gauge to the production gate config in force: its publication time `publishedAtMs`
 * (ms UTC) in seconds, or 0 when undefined (the initial thresholds apply).
 */
export function showConfigVersion(metrics: PipelineMetrics, publishedAtMs: number | undefined): void {
  metrics.configVersion.set(publishedAtMs === undefined ? 0 : publishedAtMs / 1000);
}

/** Sets the threshold gauge of every gate (gate3: independence; gate4: EV in bps). */
export function showThresholds(metrics: PipelineMetrics, t: GateThresholds): void {
  const values: Record<RuleGateName, number> = {
    gate1_data_quality: t.minBars,
    gate2_f: t.minFDir,
    gate3_market: t.minIndependence,
    gate4_cost: t.minEvNet * 10_000,
  };
  for (const [gate, value] of Object.entries(values)) metrics.gateThreshold.set({ gate }, value);
}
