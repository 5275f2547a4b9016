import { KafkaBus } from '@cryptosignal/bus';
import { RedisCache } from '@cryptosignal/cache';
import { type CalibrationTable, parseCalibrationTable } from '@cryptosignal/calibration';
import { renameTopic, TOPICS } from '@cryptosignal/contracts';
import { HOUR_MS } from '@cryptosignal/domain';
import { EventTimeScheduler } from '@cryptosignal/host';
import { ManualClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import { createMetricsRegistry } from '@cryptosignal/telemetry';
import {
  createRecorderTables,
  insertTrades,
  testInfra,
  uniqueName,
  waitFor,
  withPgSchema,
} from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';
import {
  CachedCalibrationTables,
  CURRENT_TABLE_KEY,
  versionKey,
} from '../../src/adapters/cached-calibration-tables.js';
import { PgCalibrationStore } from '../../src/adapters/pg-calibration-store.js';
import { CALIBRATOR_MIGRATIONS, startCalibrator } from '../../src/app.js';
import { CachedCalibrationTableReader } from '../../src/lookup/calibration-table-reader.js';
import { subscribeCalibrationLookup } from '../../src/lookup/subscribe-calibration-lookup.js';
import { CALIBRATION_SCOPE, calibratorSettings } from '../../src/settings.js';
import { silentLogger } from '../support/fakes.js';
import { SERIES_START_MS, tradeSeries } from '../support/trade-series.js';

const infra = testInfra();

/** A store that must not be asked: a lookup that succeeds with it read the table from the cache. */
const unreachableStore = {
  findVersion: async (): Promise<CalibrationTable | null> => {
    throw new Error('the store was read: the cache missed');
  },
};

describe('calibrator against PostgreSQL, Kafka and Redis', () => {
  it('stores a version, caches it, publishes it, and a lookup resolves it from the cache', async () => {
    await withPgSchema(infra.databaseUrl, async (schema) => {
      const store = new PgStore({ connectionString: infra.databaseUrl, schema, poolSize: 4 });
      const cache = new RedisCache({ url: infra.redisUrl, keyPrefix: `${uniqueName('calib')}:` });
      const topic = renameTopic(TOPICS.configCalibration, `${uniqueName('config_calibration')}.v1`);
      const bus = new KafkaBus({ serviceName: 'calibrator', brokers: infra.kafkaBrokers });
      try {
        await createRecorderTables(store);
        await runMigrations(store, { owner: 'calibrator', migrations: CALIBRATOR_MIGRATIONS });
        await insertTrades(store, tradeSeries(400));
        await bus.ensureTopics([topic]);
        const settings = calibratorSettings();
        const pipeline = await subscribeCalibrationLookup({
          bus,
          groupId: uniqueName('pipeline'),
          topic,
          reader: new CachedCalibrationTableReader(
            unreachableStore,
            new CachedCalibrationTables(cache, settings.cacheTtlMs),
          ),
        });
        const asOfMs = SERIES_START_MS + (399 + 6) * HOUR_MS;
        const clock = new ManualClock(asOfMs);
        const ctx = {
          service: 'calibrator' as const,
          bus,
          store,
          cache,
          clock,
          scheduler: new EventTimeScheduler(clock),
          logger: silentLogger(),
          metrics: createMetricsRegistry({ service: 'calibrator', defaultMetrics: false }),
        };
        await startCalibrator(ctx, settings, topic);
        const stored = await new PgCalibrationStore(store).latestVersion(CALIBRATION_SCOPE);
        expect(stored?.table).toMatchObject({ method: 'buckets10', samples: 400, asOfMs });
        const version = stored?.table.version ?? '';
        expect(parseCalibrationTable((await cache.get(CURRENT_TABLE_KEY)) ?? '').version).toBe(version);
        expect(await cache.ttlMs(versionKey(version))).toBeGreaterThan(settings.recomputePeriodMs);
        await waitFor(() => pipeline.lookup.current()?.version === version, {
          timeoutMs: 30_000,
          describe: 'the table on config.calibration, resolved from Redis',
        });
        expect(pipeline.lookup.lookup(65)).toMatchObject({ source: 'bucket', version });
        await pipeline.subscription.stop();
        await cache.del(CURRENT_TABLE_KEY);
        await cache.del(versionKey(version));
      } finally {
        await bus.close();
        await cache.close();
        await store.close();
      }
    });
  });
});
