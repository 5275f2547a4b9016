import type { ServiceDefinition } from '@cryptosignal/host';
import { MARKET_TOPICS } from './adapters/market-messages.js';
import { startCollector } from './app.js';
import type { CollectorConfig } from './config.js';
import { loadCollectorMigrations } from './migrations.js';

/** The collector's migrations (`services/collector/migrations/*.sql`), owner `collector`. */
export const COLLECTOR_MIGRATIONS = await loadCollectorMigrations();

/**
 * The collector for its hosts: publishes `market.klines.1m/1h`, `market.funding`, `market.open_interest`,
 * `market.depth` and `market.trades`, and writes the market tables (when `writeTables`). The host applies
 * `migrations` (owner `collector`) and creates `topics` with their DLQs before `start`. An embedded host that
 * needs lockstep replays drives `replaySlices` + `driveReplay` itself instead (see the README).
 */
export const collectorService: ServiceDefinition<CollectorConfig> = {
  name: 'collector',
  migrations: COLLECTOR_MIGRATIONS,
  topics: Object.values(MARKET_TOPICS),
  start: (ctx, config) => startCollector(ctx, config),
};
