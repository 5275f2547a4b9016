import {
  type DeepReadonly,
  envInt,
  envNumber,
  kafkaEnv,
  loadConfig,
  postgresEnv,
  telemetryEnv,
  z,
} from '@cryptosignal/config';
import { HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';
import { type ExecutorSettings, executorSettings } from './settings.js';

const bps = (max: number) => envNumber({ min: 0, max }, `bps 0..${max}`);

/** The executor's environment: connections, telemetry and its paper-trading rules (see README, Configuration). */
export const executorEnvSchema = z.object({
  ...kafkaEnv({ clientId: 'executor' }),
  ...postgresEnv(),
  ...telemetryEnv({ serviceName: 'executor', adminPort: 9464 }),
  EXECUTOR_POSITION_NOTIONAL_USDT: envNumber({ min: 1, max: 1e9 }, 'USDT 1..1e9').default(1_000),
  EXECUTOR_HALF_SPREAD_BPS: bps(1_000).default(1),
  EXECUTOR_SLIPPAGE_BPS: bps(1_000).default(1),
  EXECUTOR_TAKER_FEE_BPS: bps(1_000).default(5),
  EXECUTOR_ASSUMED_FUNDING_RATE_PER_8H: envNumber(
    { min: -0.01, max: 0.01 },
    'a fraction within ±0.01',
  ).default(0.0001),
  EXECUTOR_MAX_HOLD_HOURS: envInt({ min: 1, max: 24 * 90 }, 'whole hours 1..2160').default(24),
  EXECUTOR_ENTRY_TTL_HOURS: envInt({ min: 1, max: 24 * 7 }, 'whole hours 1..168').default(1),
  EXECUTOR_DEPTH_MAX_AGE_MINUTES: envInt({ min: 0, max: 24 * 60 }, 'whole minutes 0..1440').default(60),
  EXECUTOR_BREAKEVEN_BAND_BPS: bps(99).default(5),
  EXECUTOR_HISTORY_HOURS: envInt({ min: 2, max: 24 * 30 }, 'whole hours 2..720').default(48),
});

/** The parsed, frozen environment of the executor. */
export type ExecutorEnv = DeepReadonly<z.output<typeof executorEnvSchema>>;

/**
 * Returns the parsed environment (`env`, default process.env) and the settings it gives; the consumer group
 * prefix is the Kafka client id (the service name).
 * Thrown (ConfigError listing every problem) when a variable is missing or invalid.
 */
export function loadExecutorConfig(env: Readonly<Record<string, string | undefined>> = process.env): {
  env: ExecutorEnv;
  settings: ExecutorSettings;
} {
  const parsed = loadConfig(executorEnvSchema, env);
  const settings = executorSettings({
    notionalUsdt: parsed.EXECUTOR_POSITION_NOTIONAL_USDT,
    defaultFillCosts: {
      halfSpreadBps: parsed.EXECUTOR_HALF_SPREAD_BPS,
      slippageBps: parsed.EXECUTOR_SLIPPAGE_BPS,
      feeBps: parsed.EXECUTOR_TAKER_FEE_BPS,
      source: 'config_default',
    },
    assumedFundingRatePer8h: parsed.EXECUTOR_ASSUMED_FUNDING_RATE_PER_8H,
    maxHoldHours: parsed.EXECUTOR_MAX_HOLD_HOURS,
    entryTtlMs: parsed.EXECUTOR_ENTRY_TTL_HOURS * HOUR_MS,
    depthMaxAgeMs: parsed.EXECUTOR_DEPTH_MAX_AGE_MINUTES * MINUTE_MS,
    breakevenBand: parsed.EXECUTOR_BREAKEVEN_BAND_BPS / 10_000,
    historyHours: parsed.EXECUTOR_HISTORY_HOURS,
    groupId: parsed.KAFKA_CLIENT_ID,
  });
  return { env: parsed, settings };
}
