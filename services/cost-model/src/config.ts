import {
  type DeepReadonly,
  envBool,
  envInt,
  envNumber,
  kafkaEnv,
  loadConfig,
  postgresEnv,
  telemetryEnv,
  z,
} from '@cryptosignal/config';
import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import { type CostModelSettings, costModelSettings } from './settings.js';

/** The cost model's environment: connections, telemetry, schedule and estimator settings (see README). */
export const costModelEnvSchema = z.object({
  ...kafkaEnv({ clientId: 'cost-model' }),
  ...postgresEnv(),
  ...telemetryEnv({ serviceName: 'cost-model', adminPort: 9467 }),
  COST_MODEL_PERIOD_HOURS: envInt({ min: 1, max: 24 * 366 }, 'whole hours 1..8784').default(24),
  COST_MODEL_OFFSET_HOURS: envInt({ min: 0, max: 24 * 366 }, 'whole hours ≥ 0').default(0),
  COST_MODEL_RECOMPUTE_ON_START: envBool('a boolean (true/false)').default(true),
  COST_MODEL_WINDOW_SIZE: envInt({ min: 1, max: 100_000 }, 'an integer 1..100000 (fills)').default(200),
  COST_MODEL_MIN_SAMPLES: envInt({ min: 1, max: 100_000 }, 'an integer 1..100000 (fills)').default(10),
  COST_MODEL_FALLBACK_BPS: envNumber({ min: 0, max: 1_000 }, 'bps 0..1000').default(6),
  COST_MODEL_FUNDING_WINDOW: envInt({ min: 1, max: 10_000 }, 'an integer 1..10000 (funding events)').default(
    21,
  ),
  COST_MODEL_ASSUMED_FUNDING_RATE_PER_8H: envNumber(
    { min: -0.01, max: 0.01 },
    'a fraction -0.01..0.01',
  ).default(0.0001),
  COST_MODEL_ERROR_WINDOW_DAYS: envInt({ min: 1, max: 3660 }, 'whole days 1..3660').default(30),
});

/** The parsed, frozen environment of the cost model. */
export type CostModelEnv = DeepReadonly<z.output<typeof costModelEnvSchema>>;

/**
 * Returns the parsed environment (`env`, default process.env) and the settings it gives.
 * Thrown (ConfigError listing every problem) when a variable is missing or invalid or the settings are
 * inconsistent (e.g. min samples above the window size).
 */
export function loadCostModelConfig(env: Readonly<Record<string, string | undefined>> = process.env): {
  env: CostModelEnv;
  settings: CostModelSettings;
} {
  const p = loadConfig(costModelEnvSchema, env);
  const settings = costModelSettings({
    periodMs: p.COST_MODEL_PERIOD_HOURS * HOUR_MS,
    offsetMs: p.COST_MODEL_OFFSET_HOURS * HOUR_MS,
    recomputeOnStart: p.COST_MODEL_RECOMPUTE_ON_START,
    windowSize: p.COST_MODEL_WINDOW_SIZE,
    minSamples: p.COST_MODEL_MIN_SAMPLES,
    fallbackBps: p.COST_MODEL_FALLBACK_BPS,
    fundingWindow: p.COST_MODEL_FUNDING_WINDOW,
    assumedFundingRatePer8h: p.COST_MODEL_ASSUMED_FUNDING_RATE_PER_8H,
    errorWindowMs: p.COST_MODEL_ERROR_WINDOW_DAYS * DAY_MS,
  });
  return { env: p, settings };
}
