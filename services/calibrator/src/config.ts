import {
  type DeepReadonly,
  envBool,
  envInt,
  kafkaEnv,
  loadConfig,
  postgresEnv,
  redisEnv,
  telemetryEnv,
  z,
} from '@cryptosignal/config';
import { HOUR_MS } from '@cryptosignal/domain';
import { type CalibratorSettings, calibratorSettings } from './settings.js';

const hours = (max: number) => envInt({ min: 1, max }, `whole hours 1..${max}`);

/** The calibrator's environment: connections, telemetry and its schedule (see README, Configuration). */
export const calibratorEnvSchema = z.object({
  ...kafkaEnv({ clientId: 'calibrator' }),
  ...postgresEnv(),
  ...redisEnv(),
  ...telemetryEnv({ serviceName: 'calibrator', adminPort: 9465 }),
  CALIBRATOR_RECOMPUTE_PERIOD_HOURS: hours(24 * 366).default(168),
  CALIBRATOR_RECOMPUTE_OFFSET_HOURS: envInt({ min: 0, max: 24 * 366 }, 'whole hours ≥ 0').default(0),
  CALIBRATOR_CHECK_PERIOD_HOURS: hours(24 * 366).default(24),
  CALIBRATOR_CHECK_WINDOW_DAYS: envInt({ min: 1, max: 3660 }, 'whole days 1..3660').default(30),
  CALIBRATOR_CACHE_TTL_HOURS: hours(24 * 3660).default(672),
  CALIBRATOR_RECOMPUTE_ON_START: envBool('a boolean (true/false)').default(true),
});

/** The parsed, frozen environment of the calibrator. */
export type CalibratorEnv = DeepReadonly<z.output<typeof calibratorEnvSchema>>;

/**
 * Returns the parsed environment (`env`, default process.env) and the settings it gives.
 * Thrown (ConfigError listing every problem) when a variable is missing or invalid, or the settings are
 * inconsistent (offset not below the period, cache TTL not above the recompute period).
 */
export function loadCalibratorConfig(env: Readonly<Record<string, string | undefined>> = process.env): {
  env: CalibratorEnv;
  settings: CalibratorSettings;
} {
  const parsed = loadConfig(calibratorEnvSchema, env);
  const settings = calibratorSettings({
    recomputePeriodMs: parsed.CALIBRATOR_RECOMPUTE_PERIOD_HOURS * HOUR_MS,
    recomputeOffsetMs: parsed.CALIBRATOR_RECOMPUTE_OFFSET_HOURS * HOUR_MS,
    checkPeriodMs: parsed.CALIBRATOR_CHECK_PERIOD_HOURS * HOUR_MS,
    checkWindow: { kind: 'lastDays', days: parsed.CALIBRATOR_CHECK_WINDOW_DAYS },
    cacheTtlMs: parsed.CALIBRATOR_CACHE_TTL_HOURS * HOUR_MS,
    recomputeOnStart: parsed.CALIBRATOR_RECOMPUTE_ON_START,
  });
  return { env: parsed, settings };
}
