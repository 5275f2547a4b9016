import type { CalibrationTrade, TradeOutcome } from '../src/index.js';

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

/** Win rate that rises with confidence (0–100): 0.36 at low confidence to 0.66 at high confidence. */
export function trueWinRate(confidence: number): number {
  return 0.36 + 0.3 / (1 + Math.exp(-(confidence - 60) / 9));
}

/**
 * Returns `n` trades closing one hour apart from `startMs`, with confidence spread over 20–100 and outcomes
 * drawn from `trueWinRate` (no breakevens).
 */
export function makeTrades(n: number, seed = 7, startMs = Date.UTC(2024, 0, 1)): CalibrationTrade[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const confidence = Math.round((20 + rand() * 80) * 10) / 10;
    const outcome: TradeOutcome = rand() < trueWinRate(confidence) ? 'win' : 'loss';
    return { confidence, outcome, closeMs: startMs + i * 3_600_000 };
  });
}
