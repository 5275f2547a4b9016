import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import type { TradeFixture } from '@cryptosignal/testing';

/** Returns a seeded uniform [0, 1) generator (mulberry32). */
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

/** Start of the series: 2024-01-01T00:00Z. */
export const GATE_SERIES_START_MS = Date.UTC(2024, 0, 1);

/** Options of `gateSeries`. */
export interface GateSeriesOptions {
  readonly days: number;
  readonly perDay: number;
  readonly seed?: number;
  /** F_dir from which trades are good (win probability `goodWinRate`, else `badWinRate`). */
  readonly edgeFDir?: number;
  readonly goodWinRate?: number;
  readonly badWinRate?: number;
  /** The F gate's threshold in force: signals below it are rejected and followed as shadow trades. */
  readonly minFDir?: number;
  readonly experimentId?: string;
  readonly variant?: string;
  readonly idPrefix?: string;
  readonly startMs?: number;
}

/**
 * Returns longs spread evenly over `days` (`perDay` a day), F_v2 uniform in [−40, 40], closing 6 h after the
 * signal with +2 % on a win and −1.5 % on a loss; the win probability jumps at `edgeFDir`. Signals below the
 * F gate's `minFDir` are shadow trades rejected by gate2_f; every other gate passes.
 */
export function gateSeries(options: GateSeriesOptions): TradeFixture[] {
  const o = {
    seed: 5,
    edgeFDir: -5,
    goodWinRate: 0.62,
    badWinRate: 0.3,
    minFDir: -15,
    idPrefix: 'g',
    startMs: GATE_SERIES_START_MS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as Required<GateSeriesOptions>;
  const rand = seededRandom(o.seed);
  return Array.from({ length: o.days * o.perDay }, (_, i): TradeFixture => {
    const fV2 = Math.round((rand() * 80 - 40) * 10) / 10;
    const win = rand() < (fV2 >= o.edgeFDir ? o.goodWinRate : o.badWinRate);
    const signalTimeMs = o.startMs + Math.floor((i * DAY_MS) / o.perDay);
    const rejected = fV2 < o.minFDir;
    return {
      signalId: `${o.idPrefix}-${i}`,
      side: 'long',
      signalTimeMs,
      fV2,
      independence: 50,
      marketRegime: 0,
      evNet: 0.002,
      experimentId: o.experimentId ?? null,
      variant: o.variant ?? null,
      gates: [
        { name: 'gate1_data_quality', passed: true, observed: 150, threshold: 100 },
        { name: 'gate2_f', passed: !rejected, observed: fV2, threshold: o.minFDir },
        { name: 'gate3_market', passed: true, observed: 50, threshold: 30 },
        { name: 'gate4_cost', passed: true, observed: 0.002, threshold: 0 },
      ],
      ...(rejected ? { rejectedBy: { gate: 'gate2_f', reason: 'F_DIR_BELOW_THRESHOLD' } } : {}),
      outcome: win ? 'win' : 'loss',
      pnlPct: win ? 0.02 : -0.015,
      closeMs: signalTimeMs + 6 * HOUR_MS,
    };
  });
}
