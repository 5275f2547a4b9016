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
import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import {
  DEFAULT_GATE_OPTIMIZER_SETTINGS,
  type GateOptimizerSettings,
  gateOptimizerSettings,
} from './settings.js';

const days = (max: number) => envInt({ min: 1, max }, `whole days 1..${max}`);

/** The gate optimizer's environment: connections, telemetry and its schedule and rules (see README). */
export const gateOptimizerEnvSchema = z.object({
  ...kafkaEnv({ clientId: 'gate-optimizer' }),
  ...postgresEnv(),
  ...telemetryEnv({ serviceName: 'gate-optimizer', adminPort: 9466 }),
  GATE_OPTIMIZER_PERIOD_HOURS: envInt({ min: 1, max: 24 * 366 }, 'whole hours 1..8784').default(168),
  GATE_OPTIMIZER_OFFSET_HOURS: envInt({ min: 0, max: 24 * 366 }, 'whole hours ≥ 0').default(0),
  GATE_OPTIMIZER_TRAIN_DAYS: days(3660).default(90),
  GATE_OPTIMIZER_TEST_DAYS: days(3660).default(30),
  GATE_OPTIMIZER_MIN_DEFLATED_SHARPE: envNumber({ min: 0, max: 1 }, 'a probability 0..1').default(0.9),
  GATE_OPTIMIZER_TRAFFIC_FRACTION: envNumber({ min: 0.01, max: 0.99 }, 'a fraction 0.01..0.99').default(0.5),
  GATE_OPTIMIZER_MIN_TRADES_PER_VARIANT: envInt({ min: 1, max: 1_000_000 }, 'an integer ≥ 1').default(100),
  GATE_OPTIMIZER_MAX_EXPERIMENT_DAYS: days(3660).default(56),
});

/** The parsed, frozen environment of the gate optimizer. */
export type GateOptimizerEnv = DeepReadonly<z.output<typeof gateOptimizerEnvSchema>>;

/**
 * Returns the parsed environment (`env`, default process.env) and the settings it gives.
 * Thrown (ConfigError listing every problem) when a variable is missing or invalid or the settings are
 * inconsistent.
 */
export function loadGateOptimizerConfig(env: Readonly<Record<string, string | undefined>> = process.env): {
  env: GateOptimizerEnv;
  settings: GateOptimizerSettings;
} {
  const p = loadConfig(gateOptimizerEnvSchema, env);
  const settings = gateOptimizerSettings({
    periodMs: p.GATE_OPTIMIZER_PERIOD_HOURS * HOUR_MS,
    offsetMs: p.GATE_OPTIMIZER_OFFSET_HOURS * HOUR_MS,
    walkForward: {
      trainMs: p.GATE_OPTIMIZER_TRAIN_DAYS * DAY_MS,
      testMs: p.GATE_OPTIMIZER_TEST_DAYS * DAY_MS,
    },
    minDeflatedSharpe: p.GATE_OPTIMIZER_MIN_DEFLATED_SHARPE,
    trafficFraction: p.GATE_OPTIMIZER_TRAFFIC_FRACTION,
    experiment: {
      ...DEFAULT_GATE_OPTIMIZER_SETTINGS.experiment,
      minTradesPerVariant: p.GATE_OPTIMIZER_MIN_TRADES_PER_VARIANT,
      maxDurationMs: p.GATE_OPTIMIZER_MAX_EXPERIMENT_DAYS * DAY_MS,
    },
  });
  return { env: p, settings };
}
