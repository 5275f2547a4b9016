import { describe, expect, it } from 'vitest';
import { startBusPipeline } from '../../support/bus-pipeline.js';
import { loadShippedMarket, replayEvents } from '../../support/shipped.js';

const SYMBOLS = new Set(['AAVEUSDT', 'ETHUSDT', 'SOLUSDT']);
const HOURS = 3_000;

/** Replays the first HOURS hours of four shipped symbols (BTC included) and returns every signal event's ids. */
async function run(): Promise<string[]> {
  const m = await loadShippedMarket();
  const p = await startBusPipeline();
  let hours = 0;
  for (const batch of replayEvents(m, SYMBOLS)) {
    if (hours++ === HOURS) break;
    await p.publishHour(batch);
  }
  const ids = [
    ...p.signals.published.map((e) => `published ${e.snapshot?.signalId} ${e.meta?.eventId}`),
    ...p.signals.rejected.map(
      (e) => `rejected ${e.snapshot?.signalId} ${e.meta?.eventId} ${e.rejection?.reasonCode}`,
    ),
  ];
  await p.close();
  return ids.sort();
}

describe('determinism', () => {
  it('gives the same signal ids and event ids for the same bars, run twice on fresh buses', async () => {
    const first = await run();
    const second = await run();
    expect(first.length).toBeGreaterThan(50);
    expect(new Set(first).size).toBe(first.length);
    expect(second).toEqual(first);
  }, 300_000);
});
