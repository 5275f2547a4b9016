import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_CONFIG } from '../../../src/index.js';
import { startBusPipeline } from '../../support/bus-pipeline.js';
import { DownstreamDouble } from '../../support/downstream.js';
import { loadShippedMarket, replayEvents } from '../../support/shipped.js';
import { countSignals, type StrategyCounts } from '../../support/signal-counts.js';

const GATES = ['gate1_data_quality', 'gate2_f', 'gate3_market', 'gate4_cost'] as const;

describe('acceptance: all shipped 1h data through the pipeline handlers (in-process bus)', () => {
  it('produces signals and rejections of both strategies, and every gate rejects at least once', async () => {
    const m = await loadShippedMarket();
    const bars = new Map(
      [...m.perp].map(([s, b]) => [s as string, new Map(b.map((k) => [k.openTime as number, k]))]),
    );
    const p = await startBusPipeline();
    const downstream = new DownstreamDouble(p, bars, DEFAULT_PIPELINE_CONFIG.rules.maxHoldHours, '7.2.0');
    const hoursSeen: number[] = [];
    const started = performance.now();
    for (const batch of replayEvents(m)) {
      const firstBar = batch.find((e) => e.kind === 'kline');
      if (firstBar?.kind !== 'kline') continue;
      const hourOpen = firstBar.value.openTime as number;
      hoursSeen.push(hourOpen);
      await downstream.beforeHour(hourOpen);
      await p.publishHour(batch);
      downstream.afterHour();
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const days = ((hoursSeen.at(-1) ?? 0) + HOUR_MS - (hoursSeen[0] ?? 0)) / (24 * HOUR_MS);
    const counts = countSignals(p.signals.published, p.signals.rejected);
    await p.close();
    const perDay = Object.fromEntries(
      Object.entries(counts).map(([k, c]) => [k, Number((c.published / days).toFixed(2))]),
    );
    const summary = {
      hours: hoursSeen.length,
      days: Number(days.toFixed(1)),
      symbols: m.perp.size,
      wallSeconds,
      perDay,
      counts,
    };
    console.log(`shipped replay: ${JSON.stringify(summary)}`);
    expect(hoursSeen).toHaveLength(21_048);
    for (const version of ['7.2.0', '7.2.0-fixed']) {
      const c = counts[version] as StrategyCounts;
      expect(c.published).toBeGreaterThan(0);
      expect(Object.values(c.rejectedBy).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(c.published / days).toBeLessThan(100);
    }
    for (const gate of GATES) expect(counts['7.2.0']?.gateFailed[gate] ?? 0, gate).toBeGreaterThan(0);
  }, 1_200_000);
});
