import type { ServiceDefinition } from '@cryptosignal/host';
import { loadMigrationsDir } from '@cryptosignal/store';
import { startRecorder } from './app.js';
import type { RecorderConfig } from './config.js';
import { RECORDER_TOPICS } from './topics.js';

/** The recorder's migrations (`services/recorder/migrations/*.sql`), owner `recorder`. */
export const RECORDER_MIGRATIONS = await loadMigrationsDir(
  new URL('../migrations/', import.meta.url).pathname,
);

/**
 * The recorder for its hosts: consumes `signals.published`, `signals.rejected`, `executions.reported` and
 * `trades.closed` into `signal_snapshots`, `execution_records` and `trade_results`, idempotently by event id.
 * The host applies `migrations` (owner `recorder`) and creates `topics` with their DLQs before `start`.
 */
export const recorderService: ServiceDefinition<RecorderConfig> = {
  name: 'recorder',
  migrations: RECORDER_MIGRATIONS,
  topics: RECORDER_TOPICS,
  start: (ctx, config) => startRecorder(ctx, config),
};
