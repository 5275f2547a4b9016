import { KafkaBus } from '@cryptosignal/bus';
import { RedisCache } from '@cryptosignal/cache';
import { PgStore, runMigrations, verifyMigrations } from '@cryptosignal/store';
import { startAdminServer } from '@cryptosignal/telemetry';
import type { DistributedAdapters } from './distributed-components.js';

/**
 * The real adapters of distributed mode: KafkaBus (given the process's metrics registry as `registry`), PgStore,
 * RedisCache, `runMigrations` (mode `apply`) or `verifyMigrations` (mode `verify`) and the admin server. `runDistributedMain` imports this module once tracing has
 * started, so that the clients' modules load after it.
 */
export const distributedAdapters: DistributedAdapters = {
  createBus: (options) => new KafkaBus(options),
  createStore: (options) => new PgStore(options),
  createCache: (options) => new RedisCache(options),
  migrate: async (store, owner, migrations, mode) => {
    if (mode === 'verify') await verifyMigrations(store, owner, migrations);
    else await runMigrations(store, { owner, migrations });
  },
  startAdminServer,
};
