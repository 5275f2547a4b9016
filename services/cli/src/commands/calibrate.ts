import { type EventBus, KafkaBus } from '@cryptosignal/bus';
import { type Cache, RedisCache } from '@cryptosignal/cache';
import { AdaptiveCalibrator } from '@cryptosignal/calibration';
import {
  BusCalibrationPublisher,
  CALIBRATOR,
  CachedCalibrationTables,
  CalibratorMetrics,
  calibratorSettings,
  PgCalibrationStore,
  RecordsCalibrationTrades,
  recomputeCalibration,
} from '@cryptosignal/calibrator';
import { isoUtc, parseUtc } from '@cryptosignal/domain';
import { type Clock, ConfigError, SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations, type SqlClient } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { type Command, InvalidArgumentError } from 'commander';
import { commandDatabaseTls, commandKafkaBusOptions } from '../connection-settings.js';
import { type CommandContext, EXIT_OK } from '../io.js';
import { parseDatabaseUrl } from '../migrate/database-target.js';

interface CalibrateFlags {
  readonly db?: string;
  readonly schema?: string;
  readonly asOf?: number;
  readonly brokers?: string[];
  readonly redis?: string;
}

/** What `calibrate` prints: the new version and the quality check run on the same trades (JSON, one line). */
export interface CalibrateSummary {
  readonly version: string;
  readonly method: string;
  readonly samples: number;
  readonly as_of: string;
  readonly stored: boolean;
  readonly published: boolean;
  readonly cached: boolean;
  readonly brier: number | null;
  readonly ece: number | null;
  readonly log_loss: number | null;
  readonly bootstrap_brier: number | null;
}

/**
 * Recomputes the calibration once as of `asOfMs` on `store` (the recorder's and calibrator's tables; the
 * calibrator's migrations are applied first), stores the version, caches it when `cache` is given and
 * publishes it on `config.calibration` when `bus` is given. Returns the summary.
 * Thrown: the store's, cache's or broker's error.
 */
export async function calibrateOnce(
  store: SqlClient,
  asOfMs: number,
  io: { clock: Clock; bus?: EventBus; cache?: Cache },
): Promise<CalibrateSummary> {
  await runMigrations(store, { owner: CALIBRATOR.name, migrations: CALIBRATOR.migrations });
  const settings = calibratorSettings();
  const outcome = await recomputeCalibration(
    {
      settings,
      calibrator: new AdaptiveCalibrator(settings.policy),
      trades: new RecordsCalibrationTrades(store),
      store: new PgCalibrationStore(store),
      ...(io.cache ? { cache: new CachedCalibrationTables(io.cache, settings.cacheTtlMs) } : {}),
      ...(io.bus ? { publisher: new BusCalibrationPublisher(io.bus, io.clock) } : {}),
      clock: io.clock,
      logger: createLogger({ service: 'calibrator', level: 'warn' }),
      metrics: new CalibratorMetrics(createMetricsRegistry({ service: 'calibrator', defaultMetrics: false })),
    },
    asOfMs,
    'on_demand',
  );
  const { table, check } = outcome;
  return {
    version: table.version,
    method: table.method,
    samples: table.samples,
    as_of: isoUtc(table.asOfMs),
    stored: outcome.stored,
    published: outcome.published,
    cached: io.cache !== undefined,
    brier: check.report.overall.brier,
    ece: check.report.overall.ece,
    log_loss: check.report.overall.logLoss,
    bootstrap_brier: check.baseline.brier,
  };
}

/**
 * Returns the database URL of `--db` or DATABASE_URL. Thrown (ConfigError, exit 2) when neither is set or the
 * value is not a postgres:// URL.
 */
export function databaseUrlOf(command: string, db: string | undefined): string {
  const url = db ?? process.env.DATABASE_URL;
  if (!url) throw new ConfigError(`${command}: pass --db URL or set DATABASE_URL`);
  parseDatabaseUrl(url, command);
  return url;
}

/** Parses a `--as-of` value (YYYY-MM-DD or ISO-8601, UTC) to ms. */
export function parseAsOf(text: string): number {
  try {
    return parseUtc(text);
  } catch {
    throw new InvalidArgumentError('expected YYYY-MM-DD or an ISO-8601 time');
  }
}

async function calibrateCommand(context: CommandContext, flags: CalibrateFlags): Promise<void> {
  const env = process.env;
  const connectionString = databaseUrlOf('calibrate', flags.db);
  const tls = commandDatabaseTls('calibrate', env);
  const busOptions = flags.brokers
    ? commandKafkaBusOptions('calibrate', { clientId: CALIBRATOR.name, brokers: flags.brokers }, env)
    : undefined;
  const store = new PgStore({ connectionString, schema: flags.schema, ...tls });
  const clock = new SystemClock();
  const bus = busOptions ? new KafkaBus(busOptions) : undefined;
  const cache = flags.redis ? new RedisCache({ url: flags.redis }) : undefined;
  try {
    await bus?.ensureTopics(CALIBRATOR.topics);
    const summary = await calibrateOnce(store, flags.asOf ?? clock.nowMs(), { clock, bus, cache });
    context.io.out(`${JSON.stringify(summary)}\n`);
    context.setExitCode(EXIT_OK);
  } finally {
    await bus?.close();
    await cache?.close();
    await store.close();
  }
}

/**
 * Registers `calibrate [--db URL] [--schema NAME] [--as-of DATE] [--brokers LIST] [--redis URL]`: recomputes
 * the calibration table on demand from the trades closed by the as-of time (default now), stores the version
 * in PostgreSQL, publishes it on `config.calibration` with `--brokers` and caches it with `--redis`. Prints
 * the summary as one JSON line. The connections take the services' security settings from the environment:
 * DATABASE_SSL and DATABASE_SSL_CA_FILE for PostgreSQL; KAFKA_SSL, KAFKA_SSL_CA_FILE and KAFKA_SASL_* (client
 * id KAFKA_CLIENT_ID, default `calibrator`) for Kafka — see `commandKafkaBusOptions`. Exit 0; 2 without a
 * database, on a usage error or invalid TLS/SASL settings (checked before connecting).
 */
export function registerCalibrateCommand(program: Command, context: CommandContext): void {
  program
    .command('calibrate')
    .description('recompute the calibration table now (never using a trade closed after --as-of)')
    .option('--db <url>', 'postgres:// URL of the recorded trades (default: DATABASE_URL)')
    .option('--schema <name>', 'schema of the tables (default: the server search_path)')
    .option('--as-of <time>', 'as-of time, YYYY-MM-DD or ISO-8601 (UTC); default now', parseAsOf)
    .option('--brokers <list>', 'Kafka brokers host:port,… to publish on config.calibration', (text) =>
      text.split(',').map((b) => b.trim()),
    )
    .option('--redis <url>', 'redis:// URL to cache the table in')
    .action((flags: CalibrateFlags) => calibrateCommand(context, flags));
}
