import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KafkaBus } from '@cryptosignal/bus';
import { runBackfillJob } from '@cryptosignal/collector';
import { type ModelsConfigPublished, renameTopic, TOPICS } from '@cryptosignal/contracts';
import { testInfra, uniqueName, waitFor, withPgSchema } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run } from '../helpers.js';
import { writeMarketSlice } from './market-slice.js';

const ML_CLI = join(REPO_ROOT, '.venv/bin/cryptosignal-ml');
const infra = testInfra();
const topic = renameTopic(TOPICS.configModels, `${uniqueName('retrain_chain')}.v1`);
// The shipped factor-weights model trained up to 2025-03-14; the shipped data runs to 2025-08-13.
const SLICE_FROM_MS = Date.parse('2025-05-01T00:00:00Z');
const SLICE_TO_MS = Date.parse('2025-08-14T00:00:00Z');

interface Decision {
  readonly promoted: boolean;
  readonly current_version: string;
  readonly new_version?: string;
  readonly new_dir?: string;
  readonly test: [string, string];
}

describe.skipIf(!existsSync(ML_CLI))('weekly retrain chain: seed, export --db, retrain, publish', () => {
  const work = mkdtempSync(join(tmpdir(), 'retrain-chain-'));
  const events: ModelsConfigPublished[] = [];
  const previousBrokers = process.env.KAFKA_BROKERS;
  let bus: KafkaBus;
  beforeAll(async () => {
    process.env.KAFKA_BROKERS = infra.kafkaBrokers.join(',');
    bus = new KafkaBus({ serviceName: 'retrain-chain-test', brokers: infra.kafkaBrokers });
    await bus.ensureTopics([topic]);
    await bus.subscribe(topic, {
      groupId: uniqueName('retrain_chain_reader'),
      handler: async (event) => {
        events.push(event);
      },
    });
  });
  afterAll(async () => {
    await bus?.close();
    rmSync(work, { recursive: true, force: true });
    if (previousBrokers === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = previousBrokers;
  });

  it('announces the version the retrain left in service, from data read out of PostgreSQL', async () => {
    const dataDir = join(work, 'data');
    writeMarketSlice(dataDir, {
      dataDir: join(REPO_ROOT, 'data/market'),
      symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
      fromMs: SLICE_FROM_MS,
      toMs: SLICE_TO_MS,
    });
    const registry = join(work, 'registry');
    mkdirSync(registry);
    const matrix = join(work, 'features.arrow');
    const decisionFile = join(work, 'decision.json');
    await withPgSchema(
      infra.databaseUrl,
      async (schema) => {
        await runBackfillJob({
          source: 'replay',
          dataDir,
          databaseUrl: infra.databaseUrl,
          schema,
          fromMs: SLICE_FROM_MS,
          toMs: SLICE_TO_MS,
        });
        const seed = await run(['models', 'seed', '--from', 'models', '--to', registry]);
        expect(seed.code, seed.err).toBe(0);
        const exported = await run([
          'features',
          'export',
          '--db',
          infra.databaseUrl,
          '--schema',
          schema,
          '--to',
          '2025-08-14',
          '--from',
          '-45d',
          '--out',
          matrix,
          '--no-progress',
        ]);
        expect(exported.code, exported.err).toBe(0);
        expect(exported.err).toContain('3 symbols, 3240 rows');
      },
      { prefix: 'retrain_chain' },
    );

    const args = ['retrain', '--matrix', matrix, '--train-months', '1', '--test-days', '7'];
    await promisify(execFile)(ML_CLI, [...args, '--decision-out', decisionFile], {
      env: { ...process.env, MODELS_DIR: registry, OMP_NUM_THREADS: '1' },
      timeout: 60_000,
    });
    const decision = JSON.parse(readFileSync(decisionFile, 'utf8')) as Decision;
    expect(decision.current_version).toBe('factor-weights-20250813-342cf35f');
    expect(decision.test[0] >= '2025-08-06').toBe(true);
    const served = decision.promoted ? decision.new_version : decision.current_version;

    const published = await run(['models', 'publish', '--models', registry, '--topic', topic.name]);
    expect(published.code, published.err).toBe(0);
    await waitFor(() => events.length === 1, { timeoutMs: 30_000, describe: 'the event read back' });
    const factor = events[0]?.models.find((m) => m.name === 'factor-weights');
    expect(factor?.version).toBe(served);
    expect(factor?.path).toBe(
      decision.promoted ? `${decision.new_dir}/model.onnx` : `factor-weights/versions/${served}/model.onnx`,
    );
  }, 120_000);
});
