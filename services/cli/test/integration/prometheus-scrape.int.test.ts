import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  freePort,
  type TestInfra,
  testInfra,
  uniqueName,
  waitFor,
  withPgSchema,
  writeKlineSlice,
} from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';
import { type ChildService, startChild, waitReady } from '../../src/up/child-service.js';
import {
  exposedValue,
  type PromSample,
  promQuery,
  registerTarget,
  requireFileSdJob,
} from './prometheus-api.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const FROM_MS = Date.UTC(2024, 2, 1);
const TO_MS = Date.UTC(2024, 2, 3);
const METRIC = 'cryptosignal_collector_rows_written_total';
/** The built distributed main (`npm run build`); vitest's `source` condition would resolve the package to src. */
const COLLECTOR_MAIN = resolve('services/collector/dist/main.js');
const TARGETS_DIR = process.env.CS_PROMETHEUS_TARGETS_DIR?.trim() || resolve('.infra/prometheus/targets');

/** The `events` of the collector's "replay finished" log line, or undefined for any other line. */
function replayedEvents(line: string): number | undefined {
  if (!line.includes('"msg":"replay finished"')) return undefined;
  return (JSON.parse(line) as { events: number }).events;
}

/** The collector's environment: replay of `dataDir` at full speed into `schema`'s market tables, no publishing. */
function collectorEnv(infra: TestInfra, schema: string, dataDir: string): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: infra.databaseUrl,
    DATABASE_SCHEMA: schema,
    OTEL_SERVICE_NAME: 'collector',
    COLLECTOR_SOURCE: 'replay',
    COLLECTOR_REPLAY_DIR: dataDir,
    COLLECTOR_REPLAY_SPEED: '0',
    COLLECTOR_SYMBOLS: SYMBOLS.join(','),
    // The test's own schema is written; the shared market.* topics stay untouched.
    COLLECTOR_PUBLISH: 'false',
  };
}

/** Polls Prometheus's query API until it has METRIC for the run's target; returns those series. */
function scrapedSeries(prometheusUrl: string, run: string): Promise<PromSample[]> {
  const query = `${METRIC}{cs_test_run="${run}"}`;
  return waitFor(
    async () => {
      const found = await promQuery(prometheusUrl, query);
      return found.length > 0 ? found : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250, describe: `${query} in Prometheus` },
  );
}

/**
 * Waits for the collector's replay, registers it as a scrape target of the run, and checks that Prometheus
 * reads the number of rows it wrote (`rows`, also what its own /metrics says). Removes the target file.
 */
async function checkScraped(
  child: ChildService,
  replayed: () => number | undefined,
  infra: TestInfra,
  rows: number,
): Promise<void> {
  await waitReady(child, 60_000);
  await waitFor(replayed, { timeoutMs: 30_000, describe: 'the replay to finish' });
  const instance = `127.0.0.1:${child.adminPort}`;
  const own = await (await fetch(`http://${instance}/metrics`)).text();
  // Registered once the replay is over, so every scrape reads the final count.
  const run = uniqueName('promscrape');
  const unregister = registerTarget(TARGETS_DIR, run, instance, {
    job: 'cryptosignal-collector',
    cs_test_run: run,
  });
  try {
    const scraped = await scrapedSeries(infra.prometheusUrl, run);
    expect(replayed()).toBe(rows);
    expect(exposedValue(own, METRIC, { kind: 'slice' })).toBe(rows);
    expect(scraped).toHaveLength(1);
    expect(scraped[0]?.value).toBe(rows);
    expect(scraped[0]?.labels).toMatchObject({
      job: 'cryptosignal-collector',
      instance,
      service: 'collector',
      kind: 'slice',
    });
    const up = await promQuery(infra.prometheusUrl, `up{cs_test_run="${run}"}`);
    expect(up.map((s) => s.value)).toEqual([1]);
  } finally {
    unregister();
  }
}

describe('Prometheus scrapes a running service', () => {
  it('reads the rows the collector process wrote from a replay through the query API, equal to its /metrics', async () => {
    const infra = testInfra();
    if (!existsSync(COLLECTOR_MAIN)) throw new Error(`${COLLECTOR_MAIN} is missing: run npm run build`);
    await requireFileSdJob(infra.prometheusUrl);
    const dir = mkdtempSync(join(tmpdir(), 'cs-prom-'));
    try {
      const rows = writeKlineSlice(dir, {
        dataDir: resolve('data/market'),
        symbols: SYMBOLS,
        fromMs: FROM_MS,
        toMs: TO_MS,
      });
      await withPgSchema(
        infra.databaseUrl,
        async (schema) => {
          const lines: string[] = [];
          let replayed: number | undefined;
          const child = startChild({
            name: 'collector',
            mainPath: COLLECTOR_MAIN,
            adminPort: await freePort(),
            env: collectorEnv(infra, schema, dir),
            onLine: (_name, line) => {
              lines.push(line);
              replayed ??= replayedEvents(line);
            },
          });
          try {
            await checkScraped(child, () => replayed, infra, rows);
          } catch (error) {
            throw new Error(`${String(error)}\ncollector log tail:\n${lines.slice(-20).join('\n')}`, {
              cause: error,
            });
          } finally {
            await child.stop(20_000);
          }
          expect(await child.exited).toBe(0);
        },
        { prefix: 'promscrape' },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
