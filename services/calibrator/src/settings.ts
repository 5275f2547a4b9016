import {
  type CalibrationPolicy,
  DEFAULT_CALIBRATION_POLICY,
  type MonitorWindow,
} from '@cryptosignal/calibration';
import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';

/** The calibration scope the calibrator publishes (key of `config.calibration`): one table for every signal. */
export const CALIBRATION_SCOPE = 'global';

/** What the calibrator does and when; the same in embedded and distributed mode. */
export interface CalibratorSettings {
  /** Recompute period, ms (default one week); slots are aligned to the Unix epoch, UTC. */
  readonly recomputePeriodMs: number;
  /** Offset of the recompute slot within its period, ms (default 0). */
  readonly recomputeOffsetMs: number;
  /** Period of the calibration-quality check, ms (default one day: the plan's daily check). */
  readonly checkPeriodMs: number;
  /** Rolling window of the quality check (default the last 30 days of closes). */
  readonly checkWindow: MonitorWindow;
  /** Lifetime of cached tables, ms; must exceed the recompute period (default 4 weeks). */
  readonly cacheTtlMs: number;
  /** Fit, store and publish a table once at start, so consumers have a versioned table at once (default true). */
  readonly recomputeOnStart: boolean;
  /** Stage thresholds (default the plan's: 30/100 samples, 300/1,000/5,000 trades). */
  readonly policy: CalibrationPolicy;
}

/** The defaults: weekly recompute, daily check over 30 days, 4-week cache, recompute at start. */
export const DEFAULT_CALIBRATOR_SETTINGS: CalibratorSettings = Object.freeze({
  recomputePeriodMs: 7 * DAY_MS,
  recomputeOffsetMs: 0,
  checkPeriodMs: DAY_MS,
  checkWindow: Object.freeze({ kind: 'lastDays', days: 30 }),
  cacheTtlMs: 28 * DAY_MS,
  recomputeOnStart: true,
  policy: DEFAULT_CALIBRATION_POLICY,
});

/**
 * Returns `DEFAULT_CALIBRATOR_SETTINGS` overridden by `overrides`, checked.
 * Thrown (ConfigError) when a period is not positive, the offset is outside [0, period), or the cache TTL does
 * not exceed the recompute period (the current table would expire between two recomputes).
 */
export function calibratorSettings(overrides: Partial<CalibratorSettings> = {}): CalibratorSettings {
  const s = { ...DEFAULT_CALIBRATOR_SETTINGS, ...overrides };
  const problems: string[] = [];
  if (!(s.recomputePeriodMs >= HOUR_MS)) problems.push('recompute period must be at least 1 hour');
  if (!(s.recomputeOffsetMs >= 0 && s.recomputeOffsetMs < s.recomputePeriodMs))
    problems.push('recompute offset must be in [0, recompute period)');
  if (!(s.checkPeriodMs >= HOUR_MS)) problems.push('check period must be at least 1 hour');
  if (!(s.cacheTtlMs > s.recomputePeriodMs)) problems.push('cache TTL must exceed the recompute period');
  if (problems.length > 0)
    throw new ConfigError(`invalid calibrator settings: ${problems.join('; ')}`, problems);
  return Object.freeze(s);
}
