import { InProcessBus } from '@cryptosignal/bus';
import { MemoryCache } from '@cryptosignal/cache';
import type { TopicSpec } from '@cryptosignal/contracts';
import { SystemClock } from '@cryptosignal/runtime';
import type { Migration, PgStoreOptions, QueryResult, SqlClient, SqlExecutor } from '@cryptosignal/store';
import type { AdminServerOptions } from '@cryptosignal/telemetry';
import type { DistributedAdapters, DistributedBusOptions, MigrationMode } from '../../src/index.js';

/** A SqlClient that only records `close`; the composition never queries it itself (migrations are `migrate`'s). */
class ClosableStore implements SqlClient {
  constructor(private readonly onClose: () => void) {}
  query<T>(): Promise<QueryResult<T>> {
    return Promise.reject(new Error('the host does not query the store'));
  }
  exec(): Promise<void> {
    return Promise.reject(new Error('the host does not query the store'));
  }
  transaction<T>(_fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return Promise.reject(new Error('the host does not query the store'));
  }
  withConnection<T>(_fn: (connection: SqlExecutor) => Promise<T>): Promise<T> {
    return Promise.reject(new Error('the host does not query the store'));
  }
  async close(): Promise<void> {
    this.onClose();
  }
}

/** What the recording adapters saw: every call in order, and the options each client was made with. */
export interface Recording {
  readonly events: string[];
  bus?: DistributedBusOptions;
  store?: PgStoreOptions;
  cacheUrl?: string;
  admin?: AdminServerOptions;
  topics?: readonly TopicSpec<unknown>[];
  migrations?: { owner: string; migrations: readonly Migration[]; mode: MigrationMode };
}

/**
 * Returns adapters over in-memory clients (InProcessBus, MemoryCache, a store that only closes) that append
 * `<component>.<call>` to `recording.events`: `kafka.ensureTopics`, `postgres.migrate`, `admin.start`, ….
 */
export function recordingAdapters(recording: Recording): DistributedAdapters {
  const { events } = recording;
  return {
    createBus: (options) => {
      recording.bus = options;
      const bus = new InProcessBus();
      const close = bus.close.bind(bus);
      bus.ensureTopics = async (topics) => {
        recording.topics = topics;
        events.push('kafka.ensureTopics');
      };
      bus.close = async () => {
        events.push('kafka.close');
        await close();
      };
      return bus;
    },
    createStore: (options) => {
      recording.store = options;
      return new ClosableStore(() => events.push('postgres.close'));
    },
    createCache: (options) => {
      recording.cacheUrl = options.url;
      const cache = new MemoryCache(new SystemClock());
      cache.close = async () => void events.push('redis.close');
      return cache;
    },
    migrate: async (_store, owner, migrations, mode) => {
      recording.migrations = { owner, migrations, mode };
      events.push(`postgres.${mode === 'verify' ? 'verify' : 'migrate'}`);
    },
    startAdminServer: async (options) => {
      recording.admin = options;
      events.push('admin.start');
      return { port: options.port, close: async () => void events.push('admin.close') };
    },
  };
}
