import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEmbeddedReplay } from '../src/embedded/run-backtest.js';
import { embeddedModelsFor } from '../src/models/v73-run.js';
import { REPO_ROOT } from './helpers.js';

// The embedded replay hands events over as values (no protobuf round trip). This run checks every value that
// every producer publishes — v7.2, v7.3 and the A/B arms, executor, recorder, stage-2 jobs — against its
// wire form: a value the round trip would change fails the publish and the replay.
describe('embedded replay with verified bus values', () => {
  it('publishes only values equal to their protobuf round trip, v7.3 included', async () => {
    const models = await embeddedModelsFor('v73', resolve(REPO_ROOT, 'models'));
    const { infra } = await runEmbeddedReplay({
      dataDir: resolve(REPO_ROOT, 'data/market'),
      fromMs: Date.UTC(2025, 6, 1),
      toMs: Date.UTC(2025, 6, 8),
      symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'],
      ...(models ? { models } : {}),
      busTransport: 'verified-values',
    });
    try {
      const { rows } = await infra.store.query<{ signals: number; results: number }>(
        `SELECT (SELECT count(*)::int FROM signal_snapshots) AS signals,
                (SELECT count(*)::int FROM trade_results) AS results`,
      );
      expect(rows[0]!.signals).toBeGreaterThan(0);
      expect(rows[0]!.results).toBeGreaterThan(0);
    } finally {
      await infra.close();
      await models?.close();
    }
  }, 120_000);
});
