import { HOUR_MS } from '@cryptosignal/domain';
import type { TradeFixture } from '@cryptosignal/testing';

/** Returns a seeded uniform [0, 1) generator (mulberry32), so test data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Start of the test series: 2024-01-01T00:00Z (a Monday). */
export const SERIES_START_MS = Date.UTC(2024, 0, 1);

/**
 * Returns `n` executed trades, signal i at start + i h, closing `holdHours` later, confidence spread over
 * 20–100, win probability rising with confidence, p_calibrated a slightly optimistic map, two symbols.
 */
export function tradeSeries(
  n: number,
  options: { seed?: number; holdHours?: number; startMs?: number } = {},
): TradeFixture[] {
  const rand = seededRandom(options.seed ?? 11);
  const startMs = options.startMs ?? SERIES_START_MS;
  const holdHours = options.holdHours ?? 6;
  return Array.from({ length: n }, (_, i) => {
    const confidence = Math.round((20 + rand() * 80) * 10) / 10;
    const win = rand() < 0.3 + confidence / 250;
    const signalTimeMs = startMs + i * HOUR_MS;
    return {
      signalId: `sig-${options.seed ?? 11}-${i}`,
      symbol: i % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT',
      side: i % 3 === 0 ? 'short' : 'long',
      signalTimeMs,
      confidence,
      pCalibrated: 0.4 + confidence / 300,
      outcome: win ? 'win' : 'loss',
      closeMs: signalTimeMs + holdHours * HOUR_MS,
    };
  });
}
