import type { DataKind } from '@cryptosignal/marketdata';
import { ConfigError } from '@cryptosignal/runtime';
import { PgStore, runMigrations, type SqlClient } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry, type Logger } from '@cryptosignal/telemetry';
import { SqlMarketStore } from '../adapters/sql-market-store.js';
import { type ExchangeSourceOptions, exchangeBackfillReader } from '../exchange/exchange-reader.js';
import { CollectorMetrics } from '../metrics.js';
import { loadCollectorMigrations } from '../migrations.js';
import { STORABLE_KINDS } from '../replay/replay-files.js';
import type { BackfillReader } from './backfill-reader.js';
import { ReplayBackfillReader } from './replay-backfill-reader.js';
import { type BackfillProgress, type BackfillReport, runBackfill } from './run-backfill.js';

/** Where a backfill job reads: recorded files, or an exchange's REST API (base URLs overridable). */
export type BackfillSourceOptions =
  | { readonly source: 'replay'; readonly dataDir: string }
  | ({ readonly source: 'exchange' } & ExchangeSourceOptions);

/** A whole backfill run against PostgreSQL. */
export type BackfillJobOptions = BackfillSourceOptions & {
  /** `postgres://…` of the target database, and the schema to write into (default: the server's). */
  readonly databaseUrl: string;
  readonly schema?: string;
  /** TLS of the database connection (PgStore's `tls`: server certificate verified, against `ca` when given). */
  readonly tls?: { readonly ca?: string };
  readonly kinds?: readonly DataKind[];
  readonly symbols?: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly batchRows?: number;
  readonly onProgress?: (progress: BackfillProgress) => void;
  readonly logger?: Logger;
};

/** What a job did: the backfill report, the market tables' row counts afterwards and the time taken. */
export interface BackfillJobReport extends BackfillReport {
  readonly rowCounts: Record<string, number>;
  readonly elapsedMs: number;
}

/**
 * Runs a backfill into PostgreSQL: applies the collector's migrations to the schema, then `runBackfill`
 * with the chosen source, and returns the row counts of the market tables. Resumes per (kind, symbol) from
 * the stored watermarks, so it can be killed and started again.
 * Thrown (ConfigError) when the range is empty; the database's or source's error otherwise.
 */
export async function runBackfillJob(options: BackfillJobOptions): Promise<BackfillJobReport> {
  if (!(options.toMs >= options.fromMs)) throw new ConfigError('backfill: --to must not be before --from');
  const startedMs = performance.now();
  const sql: SqlClient = new PgStore({
    connectionString: options.databaseUrl,
    ...(options.schema ? { schema: options.schema } : {}),
    applicationName: 'collector-backfill',
    poolSize: 2,
    ...(options.tls ? { tls: options.tls } : {}),
  });
  try {
    if (options.schema) await sql.exec(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    await runMigrations(sql, { owner: 'collector', migrations: await loadCollectorMigrations() });
    const store = new SqlMarketStore(sql);
    const logger = options.logger ?? createLogger({ service: 'collector', level: 'silent' });
    const metrics = new CollectorMetrics(
      createMetricsRegistry({ service: 'collector', defaultMetrics: false }),
    );
    const reader: BackfillReader =
      options.source === 'replay'
        ? new ReplayBackfillReader(options.dataDir)
        : exchangeBackfillReader(options, { metrics, logger });
    const report = await runBackfill({
      reader,
      ingest: { store, metrics, logger },
      kinds: options.kinds ?? STORABLE_KINDS,
      ...(options.symbols ? { symbols: options.symbols } : {}),
      fromMs: options.fromMs,
      toMs: options.toMs,
      ...(options.batchRows ? { batchRows: options.batchRows } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return {
      ...report,
      rowCounts: await store.rowCounts(),
      elapsedMs: Math.round(performance.now() - startedMs),
    };
  } finally {
    await sql.close();
  }
}
