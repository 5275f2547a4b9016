import type { Kline, SymbolId, UnixMs } from '@cryptosignal/domain';
import type { OscillatorExtras } from './extras-state.js';
import type { CvdSource, FactorKey, FactorSnapshot, MarketSource, MissingReason } from './snapshot.js';

/** Everything the engine measured for one bar, before it is shaped into a {@link FactorSnapshot}. */
export interface BarReadings {
  readonly kline: Kline;
  /** Why a kline-window factor is unavailable when its inputs are present: `warmup`, or `gap` after a gap. */
  readonly seriesReason: 'warmup' | 'gap';
  readonly T: number | undefined;
  readonly M: number | undefined;
  readonly C: number | undefined;
  readonly V: number | undefined;
  readonly O: number | undefined;
  readonly B: number | undefined;
  readonly F_v2: number | undefined;
  readonly I: number | undefined;
  readonly marketRegime: number | undefined;
  readonly atr: number | undefined;
  readonly logReturn: number | undefined;
  readonly sigma: number | undefined;
  readonly priceAcceleration: number | undefined;
  readonly cvdChange24h: number | undefined;
  readonly cvdChange6h: number | undefined;
  readonly volumeImbalance: number | undefined;
  readonly fundingRate: number | undefined;
  readonly oiChange24h: number | undefined;
  readonly oiChange6h: number | undefined;
  readonly cvdSource: CvdSource;
  readonly cvdWindowSource: CvdSource;
  readonly marketSource: MarketSource | undefined;
  /** `no_flow` while a bar without CVD input is inside C's window. */
  readonly flowReason: MissingReason | undefined;
  readonly independenceReason: MissingReason | undefined;
  readonly regimeReason: MissingReason | undefined;
  readonly oscillators: OscillatorExtras;
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

/** Returns the snapshot of one bar: factors, the unavailable ones with their reasons, sources and extras. */
export function assembleSnapshot(symbol: SymbolId, r: BarReadings): FactorSnapshot {
  const values: Record<FactorKey, number | undefined> = {
    T: r.T,
    M: r.M,
    C: r.C,
    V: r.V,
    O: r.O,
    B: r.B,
    F_v2: r.F_v2,
    I: r.I,
    marketRegime: r.marketRegime,
  };
  const missing: FactorKey[] = [];
  const missingReasons: Partial<Record<FactorKey, MissingReason>> = {};
  for (const key of Object.keys(values) as FactorKey[]) {
    if (values[key] !== undefined) continue;
    missing.push(key);
    missingReasons[key] = reasonFor(key, r);
  }
  const o = r.oscillators;
  const close = r.kline.close;
  return {
    symbol,
    openTime: r.kline.openTime as UnixMs,
    price: close,
    ...values,
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
      rsi: o.rsi,
      macd: o.macd,
      macdSignal: o.macdSignal,
      macdHist: o.macdHist,
      bbPosition: o.bbPosition,
      bbWidth: o.bbWidth,
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
