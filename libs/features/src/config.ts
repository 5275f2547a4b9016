import type { KlineInterval } from '@cryptosignal/domain';
import { EIGHT_HOURS_MS, HOUR_MS } from '@cryptosignal/domain';

/**
 * Every window, scale and threshold of the factor engine. Windows are in bars of `interval` unless the name
 * says `Ms`; a `scale` is the raw value that maps to 100·tanh(1) ≈ 76 points (see docs/factors.md for how
 * each was chosen). Defaults: {@link DEFAULT_FACTOR_CONFIG}.
 */
export interface FactorConfig {
  /** Bar interval of the klines the engine accepts; bars further apart than one interval are a gap. */
  readonly interval: KlineInterval;
  readonly trend: {
    readonly fastEma: number;
    readonly slowEma: number;
    readonly atrPeriod: number;
    /** Bars over which the fast EMA's slope is measured. */
    readonly slopeBars: number;
    readonly scale: number;
  };
  readonly momentum: { readonly rocBars: number; readonly volatilityBars: number; readonly scale: number };
  readonly flow: {
    readonly windowBars: number;
    /** Scale of Σdelta/Σvolume from taker-buy volume or trades. */
    readonly scale: number;
    /** Scale of Σdelta/Σvolume from the close-location proxy (its imbalances run larger). */
    readonly proxyScale: number;
    /** When false, a bar with neither taker-buy volume nor trade flow has no CVD (C and F_v2 unavailable). */
    readonly allowProxy: boolean;
  };
  readonly volume: { readonly meanBars: number; readonly scale: number };
  readonly openInterest: {
    readonly lookbackMs: number;
    /** Oldest OI sample, relative to the instant it stands for, that still counts as that instant's OI. */
    readonly maxAgeMs: number;
    readonly scale: number;
  };
  readonly funding: {
    /** Exchange baseline rate per funding interval (fraction): funding at it is neutral, not crowding. */
    readonly baselineRate: number;
    readonly maxAgeMs: number;
    readonly scale: number;
  };
  readonly fundLeading: {
    readonly windowBars: number;
    readonly oiLookbackMs: number;
    /** Scale of the window's Σdelta/Σvolume from taker-buy volume or trades. */
    readonly flowScale: number;
    /** Scale of the window's Σdelta/Σvolume from the close-location proxy. */
    readonly proxyFlowScale: number;
    readonly oiScale: number;
    readonly priceScale: number;
  };
  readonly independence: { readonly windowBars: number };
  readonly extras: {
    readonly rsiPeriod: number;
    readonly macdFast: number;
    readonly macdSlow: number;
    readonly macdSignal: number;
    readonly bollingerPeriod: number;
    readonly bollingerDev: number;
  };
}

/** The defaults documented in docs/factors.md (1h bars). */
export const DEFAULT_FACTOR_CONFIG: FactorConfig = Object.freeze({
  interval: '1h',
  trend: Object.freeze({ fastEma: 20, slowEma: 50, atrPeriod: 14, slopeBars: 5, scale: 1.5 }),
  momentum: Object.freeze({ rocBars: 12, volatilityBars: 24, scale: 1.5 }),
  flow: Object.freeze({ windowBars: 24, scale: 0.1, proxyScale: 0.25, allowProxy: true }),
  volume: Object.freeze({ meanBars: 20, scale: 1.25 }),
  openInterest: Object.freeze({ lookbackMs: 24 * HOUR_MS, maxAgeMs: 4 * HOUR_MS, scale: 0.05 }),
  funding: Object.freeze({ baselineRate: 0.0001, maxAgeMs: EIGHT_HOURS_MS + HOUR_MS, scale: 0.0003 }),
  fundLeading: Object.freeze({
    windowBars: 6,
    oiLookbackMs: 6 * HOUR_MS,
    flowScale: 0.15,
    proxyFlowScale: 0.45,
    oiScale: 0.03,
    priceScale: 1.5,
  }),
  independence: Object.freeze({ windowBars: 168 }),
  extras: Object.freeze({
    rsiPeriod: 14,
    macdFast: 12,
    macdSlow: 26,
    macdSignal: 9,
    bollingerPeriod: 20,
    bollingerDev: 2,
  }),
});

/** Overrides of {@link FactorConfig}: any section may be given in part. */
export type FactorConfigOverrides = {
  readonly [K in keyof FactorConfig]?: FactorConfig[K] extends object
    ? Partial<FactorConfig[K]>
    : FactorConfig[K];
};

/** Keys whose value may be zero or negative (any finite number). */
const SIGNED_KEYS = new Set(['baselineRate']);

function checkSection(section: string, values: object): void {
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'number') continue;
    const ok = Number.isFinite(value) && (SIGNED_KEYS.has(key) || value > 0);
    const whole = !/(Bars|Ema|Period|Fast|Slow|Signal)$/.test(key) || Number.isInteger(value);
    if (!ok || !whole) {
      throw new RangeError(`factor config ${section}.${key}: invalid value ${value}`);
    }
  }
}

/**
 * Returns the defaults with `overrides` applied section by section, frozen.
 * Thrown (RangeError) when a resulting scale or window is not a positive finite number, or a window in bars is
 * not an integer.
 */
export function resolveFactorConfig(overrides: FactorConfigOverrides = {}): FactorConfig {
  const d = DEFAULT_FACTOR_CONFIG;
  const o = overrides;
  const config: FactorConfig = {
    interval: o.interval ?? d.interval,
    trend: { ...d.trend, ...o.trend },
    momentum: { ...d.momentum, ...o.momentum },
    flow: { ...d.flow, ...o.flow },
    volume: { ...d.volume, ...o.volume },
    openInterest: { ...d.openInterest, ...o.openInterest },
    funding: { ...d.funding, ...o.funding },
    fundLeading: { ...d.fundLeading, ...o.fundLeading },
    independence: { ...d.independence, ...o.independence },
    extras: { ...d.extras, ...o.extras },
  };
  for (const [section, values] of Object.entries(config)) {
    if (typeof values === 'object') checkSection(section, values);
  }
  return Object.freeze(config);
}
