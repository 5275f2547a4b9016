import {
  buildMeta,
  deterministicEventId,
  type GateConfigPublished,
  type GateThreshold,
  TOPICS,
} from '@cryptosignal/contracts';
import type { GateExperiment } from '../domain/experiment.js';
import { type GateThresholdSet, thresholdsVersion } from '../domain/thresholds.js';
import type { ProductionConfig } from '../ports.js';
import { experimentScope } from '../settings.js';

/** The `config.gates` parameter of each threshold: gate name, parameter name (snake_case), field of the set. */
export const GATE_PARAMETERS: readonly {
  readonly gate: string;
  readonly parameter: string;
  readonly field: keyof GateThresholdSet;
}[] = [
  { gate: 'gate1_data_quality', parameter: 'min_bars', field: 'minBars' },
  { gate: 'gate2_f', parameter: 'min_f_dir', field: 'minFDir' },
  { gate: 'gate3_market', parameter: 'min_independence', field: 'minIndependence' },
  { gate: 'gate3_market', parameter: 'market_regime_threshold', field: 'marketRegimeThreshold' },
  { gate: 'gate4_cost', parameter: 'min_ev_net', field: 'minEvNet' },
];

/** Returns the thresholds of `set` as `config.gates` parameters, in GATE_PARAMETERS order. */
export function thresholdsToWire(set: GateThresholdSet): GateThreshold[] {
  return GATE_PARAMETERS.map((p) => ({ gate: p.gate, parameter: p.parameter, value: set[p.field] }));
}

/**
 * Returns the threshold set of a `config.gates` event: each known (gate, parameter) read from the event,
 * every other field from `fallback` (e.g. the set in force). Unknown parameters are ignored.
 */
export function thresholdsFromWire(
  thresholds: readonly GateThreshold[],
  fallback: GateThresholdSet,
): GateThresholdSet {
  const set: Record<keyof GateThresholdSet, number> = { ...fallback };
  for (const p of GATE_PARAMETERS) {
    const t = thresholds.find((x) => x.gate === p.gate && x.parameter === p.parameter);
    if (t !== undefined) set[p.field] = t.value;
  }
  return set;
}

function event(
  scope: string,
  version: string,
  tsEventMs: number,
  tsInitMs: number,
  extra: Pick<GateConfigPublished, 'thresholds' | 'experimentId' | 'variant' | 'trafficFraction'>,
): GateConfigPublished {
  const key = `${scope}|${version}|${extra.experimentId ?? ''}|${extra.trafficFraction ?? ''}`;
  const eventId = deterministicEventId(TOPICS.configGates.name, key);
  return { meta: buildMeta({ eventId, tsEventMs, tsInitMs }), scope, version, ...extra };
}

/** Returns the event publishing `config` as the production set of `scope` (no experiment fields). */
export function productionEvent(
  scope: string,
  config: ProductionConfig,
  tsInitMs: number,
): GateConfigPublished {
  return event(scope, config.version, config.publishedAtMs, tsInitMs, {
    thresholds: thresholdsToWire(config.thresholds),
  });
}

/**
 * Returns the event of an experiment's candidate under `<scope>.experiment`: the treatment thresholds, the
 * experiment id, variant `treatment` and its traffic share — or share 0 when `ended`, which tells the pipeline
 * to stop assigning signals to it.
 */
export function experimentEvent(
  experiment: GateExperiment,
  ended: boolean,
  tsEventMs: number,
  tsInitMs: number,
): GateConfigPublished {
  return event(
    experimentScope(experiment.scope),
    thresholdsVersion(experiment.treatment),
    tsEventMs,
    tsInitMs,
    {
      thresholds: thresholdsToWire(experiment.treatment),
      experimentId: experiment.experimentId,
      variant: 'treatment',
      trafficFraction: ended ? 0 : experiment.trafficFraction,
    },
  );
}
