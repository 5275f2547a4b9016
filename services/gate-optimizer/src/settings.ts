import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import type { WalkForwardOptions } from '@cryptosignal/gates';
import { ConfigError } from '@cryptosignal/runtime';
import type { ExperimentPolicy } from './domain/experiment.js';

/** The scope of the production gate set on `config.gates`. */
export const GATES_SCOPE = 'global';

/** Returns the scope an experiment's candidate set is published under: `<scope>.experiment`. */
export function experimentScope(scope: string): string {
  return `${scope}.experiment`;
}

/** What the gate optimizer does and when; the same in embedded and distributed mode. */
export interface GateOptimizerSettings {
  /** Period of the gate update, ms (default one week: the plan's weekly gate update). */
  readonly periodMs: number;
  /** Offset of its slot within the period, ms (default 0). */
  readonly offsetMs: number;
  /** Walk-forward windows by close time (default: choose on 90 days, evaluate on the next 30). */
  readonly walkForward: WalkForwardOptions;
  /** Smallest deflated Sharpe ratio an optimum needs to become a candidate (default 0.9). */
  readonly minDeflatedSharpe: number;
  /** Share of signals the candidate (variant B) receives, fraction in (0, 1) (default 0.5). */
  readonly trafficFraction: number;
  readonly experiment: ExperimentPolicy;
}

/** The defaults: weekly, 90/30-day walk-forward, DSR ≥ 0.9, 50 % traffic, 100 trades per arm within 8 weeks. */
export const DEFAULT_GATE_OPTIMIZER_SETTINGS: GateOptimizerSettings = Object.freeze({
  periodMs: 7 * DAY_MS,
  offsetMs: 0,
  walkForward: Object.freeze({ trainMs: 90 * DAY_MS, testMs: 30 * DAY_MS }),
  minDeflatedSharpe: 0.9,
  trafficFraction: 0.5,
  experiment: Object.freeze({
    minTradesPerVariant: 100,
    maxDurationMs: 56 * DAY_MS,
    confidence: 0.95,
    bootstrapIterations: 2000,
    bootstrapSeed: 7,
  }),
});

/**
 * Returns `DEFAULT_GATE_OPTIMIZER_SETTINGS` overridden by `overrides`, checked.
 * Thrown (ConfigError) when the period is under an hour, the offset outside [0, period), a window not
 * positive, the DSR minimum outside [0, 1], the traffic share outside (0, 1) or the experiment policy invalid.
 */
export function gateOptimizerSettings(overrides: Partial<GateOptimizerSettings> = {}): GateOptimizerSettings {
  const s = { ...DEFAULT_GATE_OPTIMIZER_SETTINGS, ...overrides };
  const problems: string[] = [];
  if (!(s.periodMs >= HOUR_MS)) problems.push('period must be at least 1 hour');
  if (!(s.offsetMs >= 0 && s.offsetMs < s.periodMs)) problems.push('offset must be in [0, period)');
  if (!(s.walkForward.trainMs > 0 && s.walkForward.testMs > 0))
    problems.push('walk-forward windows must be > 0');
  if (!(s.minDeflatedSharpe >= 0 && s.minDeflatedSharpe <= 1))
    problems.push('min deflated Sharpe must be in [0, 1]');
  if (!(s.trafficFraction > 0 && s.trafficFraction < 1)) problems.push('traffic fraction must be in (0, 1)');
  const e = s.experiment;
  if (!(Number.isInteger(e.minTradesPerVariant) && e.minTradesPerVariant >= 1))
    problems.push('minimum trades per variant must be a positive integer');
  if (!(e.maxDurationMs > 0)) problems.push('experiment duration must be > 0');
  if (!(e.confidence > 0 && e.confidence < 1)) problems.push('experiment confidence must be in (0, 1)');
  if (problems.length > 0)
    throw new ConfigError(`invalid gate-optimizer settings: ${problems.join('; ')}`, problems);
  return Object.freeze(s);
}
