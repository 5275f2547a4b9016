import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelCard } from '@cryptosignal/inference-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { AbComparison } from '../src/report/ab-comparisons.js';
import type { ModelUsage } from '../src/report/models-section.js';
import { REPO_ROOT, run } from './helpers.js';

const out = mkdtempSync(join(tmpdir(), 'backtest-v73-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('backtest --strategy v73 on real data', () => {
  it('runs v7.3 and the A/B arms beside v7.2 with the models in process, and reports models and comparisons', async () => {
    const result = await run([
      'backtest',
      '--data',
      'data/market',
      '--from',
      '2025-07-01',
      '--to',
      '2025-07-10',
      '--symbols',
      'BTCUSDT,ETHUSDT,SOLUSDT',
      '--strategy',
      'v73',
      '--out',
      out,
      '--no-progress',
    ]);
    expect(result.err).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.run.strategy).toBe('v73@7.3.0');

    const models = report.models;
    for (const kind of ['transformer', 'xgboost', 'lstm'] as const) {
      const card = loadModelCard(join(REPO_ROOT, 'models'), kind);
      expect(models.cards[kind]).toMatchObject({ version: card.version, served_version: card.version });
      expect(models.cards[kind].metrics).toHaveProperty('baselines');
    }
    const usage = models.usage as ModelUsage[];
    expect(usage.map((u) => u.strategy_version)).toEqual(['7.3.0', '7.2.0-regime']);
    const v73 = usage[0] as ModelUsage;
    expect(v73.from_models).toBeGreaterThan(0);
    const fellBack = Object.values(v73.fallbacks).reduce((a, b) => a + b, 0);
    expect(v73.evaluated).toBe(v73.from_models + fellBack);
    expect(v73.fallbacks.unavailable + v73.fallbacks.error + v73.fallbacks.model_missing).toBe(0);

    const comparisons = report.ab_comparisons as AbComparison[];
    expect(comparisons.map((c) => c.name)).toEqual([
      'ml_weights_vs_fixed',
      'regime_adaptive_vs_fixed',
      'v73_vs_v72',
    ]);
    expect(comparisons.map((c) => c.treatment.strategy_version)).toEqual([
      '7.2.0-ml-weights',
      '7.2.0-regime',
      '7.3.0',
    ]);
    for (const c of comparisons) {
      expect(c.control.strategy_version).toBe('7.2.0');
      expect(c.control.performance).toHaveProperty('sharpe');
      expect(c.treatment.performance).toHaveProperty('max_drawdown');
      const a = c.control.performance.total_return as number;
      const b = c.treatment.performance.total_return as number;
      expect(c.difference.total_return).toBeCloseTo(b - a, 12);
    }
    const v73VsV72 = comparisons[2] as AbComparison;
    expect(v73VsV72.treatment.trades).toBe(report.trades);
    expect(v73VsV72.treatment.signals).toBe(report.signals);

    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>A/B comparisons</h2>');
    for (const c of comparisons) expect(html).toContain(`data-comparison="${c.name}"`);
    expect(readFileSync(join(out, 'trades.csv'), 'utf8').split('\n')[0]).toContain('signal_id');
  }, 120_000);

  it('refuses an unknown strategy before replaying anything', async () => {
    const result = await run(['backtest', '--data', 'data/market', '--strategy', 'v74', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--strategy v74: must be one of v72, v73');
  });
});
