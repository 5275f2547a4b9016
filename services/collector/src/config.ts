import {
  type DeepReadonly,
  envBool,
  envEnum,
  envInt,
  envList,
  envNumber,
  envString,
  envUrl,
  kafkaEnv,
  loadConfig,
  postgresEnv,
  telemetryEnv,
  z,
} from '@cryptosignal/config';
import type { DataKind } from '@cryptosignal/marketdata';

const SYMBOL = /^[A-Z0-9]{2,20}USDT$/;
const LIVE_KINDS = ['klines_1m', 'klines_1h', 'trades', 'depth'] as const;
const KIND = /^(klines_1m|klines_1h|trades|depth)$/;

/**
 * The collector's own settings (environment variable → meaning, default):
 * - COLLECTOR_SOURCE: `exchange` (live streams + REST catch-up and polling) or `replay` (recorded files) — exchange;
 * - COLLECTOR_SYMBOLS: symbols collected — BTCUSDT,ETHUSDT;
 * - COLLECTOR_LIVE_KINDS: live streams, of klines_1m, klines_1h, trades, depth — all four;
 * - COLLECTOR_REST_URL / COLLECTOR_WS_URL: primary REST and WebSocket bases — Binance USD-M;
 * - COLLECTOR_BACKUP_REST_URL / COLLECTOR_BACKUP_WS_URL: backup sources, unset = none;
 * - COLLECTOR_FAILURES_BEFORE_SWITCH: consecutive primary failures before the backup takes over — 3;
 * - COLLECTOR_RETRY_PRIMARY_AFTER_MS: time on the backup before the primary is tried again — 300000;
 * - COLLECTOR_DEPTH_SAMPLE_MS: minimum time between two stored books of a symbol — 5000 (plan: every 5 s);
 * - COLLECTOR_POLL_MS: period of the REST poll (funding, open interest, kline gap repair) — 300000;
 * - COLLECTOR_CATCH_UP_HOURS: history fetched at start when nothing is stored yet — 24;
 * - COLLECTOR_WRITE_TABLES / COLLECTOR_PUBLISH: write the market tables / publish market.* — true / true;
 * - COLLECTOR_REPLAY_DIR / COLLECTOR_REPLAY_SPEED: replay data directory and speed (0 = as fast as possible,
 *   N = N× real time) — data/market / 0.
 */
export function collectorEnv() {
  return {
    COLLECTOR_SOURCE: envEnum(['exchange', 'replay'], 'exchange|replay').default('exchange'),
    COLLECTOR_SYMBOLS: envList(SYMBOL, 'comma-separated USDT symbols').default(['BTCUSDT', 'ETHUSDT']),
    COLLECTOR_LIVE_KINDS: envList(KIND, `comma-separated of ${LIVE_KINDS.join(', ')}`).default([
      ...LIVE_KINDS,
    ]),
    COLLECTOR_REST_URL: envUrl(['http:', 'https:'], 'an http(s):// base URL').default(
      'https://fapi.binance.com',
    ),
    COLLECTOR_WS_URL: envUrl(['ws:', 'wss:'], 'a ws(s):// base URL').default('wss://fstream.binance.com'),
    COLLECTOR_BACKUP_REST_URL: envUrl(['http:', 'https:'], 'an http(s):// base URL').optional(),
    COLLECTOR_BACKUP_WS_URL: envUrl(['ws:', 'wss:'], 'a ws(s):// base URL').optional(),
    COLLECTOR_FAILURES_BEFORE_SWITCH: envInt({ min: 1, max: 100 }, 'an integer 1..100').default(3),
    COLLECTOR_RETRY_PRIMARY_AFTER_MS: envInt({ min: 1_000, max: 86_400_000 }, 'milliseconds').default(
      300_000,
    ),
    COLLECTOR_DEPTH_SAMPLE_MS: envInt({ min: 100, max: 3_600_000 }, 'milliseconds').default(5_000),
    COLLECTOR_POLL_MS: envInt({ min: 1_000, max: 86_400_000 }, 'milliseconds').default(300_000),
    COLLECTOR_CATCH_UP_HOURS: envInt({ min: 0, max: 24 * 365 }, 'hours').default(24),
    COLLECTOR_WRITE_TABLES: envBool('a boolean (true/false)').default(true),
    COLLECTOR_PUBLISH: envBool('a boolean (true/false)').default(true),
    COLLECTOR_REPLAY_DIR: envString('a data directory').default('data/market'),
    COLLECTOR_REPLAY_SPEED: envNumber({ min: 0, max: 1e9 }, 'a speed factor >= 0').default(0),
  };
}

/** The environment schema of the collector in distributed mode. */
export const collectorConfigSchema = z.object({
  ...kafkaEnv({ clientId: 'collector' }),
  ...postgresEnv(),
  ...telemetryEnv({ serviceName: 'collector', adminPort: 9465 }),
  ...collectorEnv(),
});

/** The parsed, frozen environment of `collectorConfigSchema`. */
export type CollectorEnvConfig = DeepReadonly<z.output<typeof collectorConfigSchema>>;

/** What the collector's composition root needs, whichever host runs it. */
export interface CollectorConfig {
  readonly source: 'exchange' | 'replay';
  readonly symbols: readonly string[];
  readonly liveKinds: readonly DataKind[];
  readonly exchange: {
    readonly restUrl: string;
    readonly wsUrl: string;
    readonly backupRestUrl?: string;
    readonly backupWsUrl?: string;
    readonly failuresBeforeSwitch: number;
    readonly retryPrimaryAfterMs: number;
  };
  readonly depthSampleMs: number;
  readonly pollMs: number;
  readonly catchUpMs: number;
  /** Writing the market tables is optional (the embedded demo may only publish). */
  readonly writeTables: boolean;
  readonly publish: boolean;
  readonly replay: { readonly dataDir: string; readonly speed: number };
}

/** Parses the collector's environment (default `process.env`) once, frozen. Thrown (ConfigError) listing every problem. */
export function loadCollectorConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): CollectorEnvConfig {
  return loadConfig(collectorConfigSchema, env);
}

/** Returns the `CollectorConfig` part of a parsed environment. */
export function toCollectorConfig(
  env: Pick<CollectorEnvConfig, keyof ReturnType<typeof collectorEnv>>,
): CollectorConfig {
  return Object.freeze({
    source: env.COLLECTOR_SOURCE,
    symbols: [...env.COLLECTOR_SYMBOLS],
    liveKinds: [...env.COLLECTOR_LIVE_KINDS] as DataKind[],
    exchange: {
      restUrl: env.COLLECTOR_REST_URL,
      wsUrl: env.COLLECTOR_WS_URL,
      ...(env.COLLECTOR_BACKUP_REST_URL ? { backupRestUrl: env.COLLECTOR_BACKUP_REST_URL } : {}),
      ...(env.COLLECTOR_BACKUP_WS_URL ? { backupWsUrl: env.COLLECTOR_BACKUP_WS_URL } : {}),
      failuresBeforeSwitch: env.COLLECTOR_FAILURES_BEFORE_SWITCH,
      retryPrimaryAfterMs: env.COLLECTOR_RETRY_PRIMARY_AFTER_MS,
    },
    depthSampleMs: env.COLLECTOR_DEPTH_SAMPLE_MS,
    pollMs: env.COLLECTOR_POLL_MS,
    catchUpMs: env.COLLECTOR_CATCH_UP_HOURS * 3_600_000,
    writeTables: env.COLLECTOR_WRITE_TABLES,
    publish: env.COLLECTOR_PUBLISH,
    replay: { dataDir: env.COLLECTOR_REPLAY_DIR, speed: env.COLLECTOR_REPLAY_SPEED },
  });
}
