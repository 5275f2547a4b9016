import type { Kline, SymbolId, UnixMs } from '@cryptosignal/domain';
import {
  type CvdSource,
  FACTOR_KEYS,
  type FactorKey,
  type FactorSnapshot,
  type MarketSource,
  type MissingReason,
} from './snapshot.js';

/**
 * Everything the engine measured for one bar, before it is shaped into a {@link FactorSnapshot}. One instance is
 * reused bar after bar by an engine (every field is rewritten on each bar), which keeps the per-bar allocation to
 * the snapshot itself.
 */
export class BarReadings {
  kline!: Kline;
  /** Why a kline-window factor is unavailable when its inputs are present: `warmup`, or `gap` after a gap. */
  seriesReason: 'warmup' | 'gap' = 'warmup';
  T: number | undefined;
  M: number | undefined;
  C: number | undefined;
  V: number | undefined;
  O: number | undefined;
  B: number | undefined;
  F_v2: number | undefined;
  I: number | undefined;
  marketRegime: number | undefined;
  atr: number | undefined;
  logReturn: number | undefined;
  sigma: number | undefined;
  priceAcceleration: number | undefined;
  cvdChange24h: number | undefined;
  cvdChange6h: number | undefined;
  volumeImbalance: number | undefined;
  fundingRate: number | undefined;
  oiChange24h: number | undefined;
  oiChange6h: number | undefined;
  cvdSource: CvdSource = 'none';
  cvdWindowSource: CvdSource = 'none';
  marketSource: MarketSource | undefined;
  /** `no_flow` while a bar without CVD input is inside C's window. */
  flowReason: MissingReason | undefined;
  independenceReason: MissingReason | undefined;
  regimeReason: MissingReason | undefined;
  rsi: number | undefined;
  macd: number | undefined;
  macdSignal: number | undefined;
  macdHist: number | undefined;
  bbPosition: number | undefined;
  bbWidth: number | undefined;
}

function reasonFor(key: FactorKey, r: BarReadings): MissingReason {
  switch (key) {
    case 'B':
      return 'no_funding';
    case 'O':
      return r.oiChange24h === undefined ? 'no_open_interest' : r.seriesReason;
    case 'C':
      return r.flowReason ?? r.seriesReason;
    case 'F_v2':
      if (r.oiChange6h === undefined) return 'no_open_interest';
      return r.cvdChange6h === undefined ? (r.flowReason ?? r.seriesReason) : r.seriesReason;
    case 'I':
      return r.independenceReason ?? 'no_market';
    case 'marketRegime':
      return r.regimeReason ?? 'no_market';
    default:
      return r.seriesReason;
  }
}

const NOTHING_MISSING: readonly FactorKey[] = Object.freeze([]);
const NO_REASONS: Readonly<Partial<Record<FactorKey, MissingReason>>> = Object.freeze({});

function missingOf(r: BarReadings): readonly FactorKey[] {
  let missing: FactorKey[] | undefined;
  for (const key of FACTOR_KEYS) {
    if (r[key] !== undefined) continue;
    missing ??= [];
    missing.push(key);
  }
  return missing ?? NOTHING_MISSING;
}

/** Returns the snapshot of one bar: factors, the unavailable ones with their reasons, sources and extras. */
export function assembleSnapshot(symbol: SymbolId, r: BarReadings): FactorSnapshot {
  const missing = missingOf(r);
  let missingReasons = NO_REASONS;
  if (missing.length > 0) {
    const reasons: Partial<Record<FactorKey, MissingReason>> = {};
    for (const key of missing) reasons[key] = reasonFor(key, r);
    missingReasons = reasons;
  }
  const close = r.kline.close;
  return {
    symbol,
    openTime: r.kline.openTime as UnixMs,
    price: close,
    T: r.T,
    M: r.M,
    C: r.C,
    V: r.V,
    O: r.O,
    B: r.B,
    F_v2: r.F_v2,
    I: r.I,
    marketRegime: r.marketRegime,
    atr: r.atr,
    missing,
    missingReasons,
    cvdSource: r.cvdSource,
    cvdWindowSource: r.cvdWindowSource,
    marketSource: r.marketSource,
    extras: {
      logReturn: r.logReturn,
      realisedVolatility: r.sigma,
      priceAcceleration: r.priceAcceleration,
      rsi: r.rsi,
      macd: r.macd,
      macdSignal: r.macdSignal,
      macdHist: r.macdHist,
      bbPosition: r.bbPosition,
      bbWidth: r.bbWidth,
      atrPct: r.atr === undefined ? undefined : r.atr / close,
      volumeImbalance: r.volumeImbalance,
      cvdChange24h: r.cvdChange24h,
      cvdChange6h: r.cvdChange6h,
      fundingRate: r.fundingRate,
      oiChange24h: r.oiChange24h,
      oiChange6h: r.oiChange6h,
    },
  };
}
