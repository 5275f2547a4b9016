import type { Side } from '@cryptosignal/domain';

/** Parameters of the ATR-based exits (fractions of price and ATR multiples). */
export interface TradePlanConfig {
  /** TP distance = max(tpFloor, tpAtrMultiple × ATR / price). Plan floor: 2.5 %. */
  readonly tpFloor: number;
  readonly tpAtrMultiple: number;
  /** SL distance = max(slFloor, slAtrMultiple × ATR / price). Plan floor: 1.5 %. */
  readonly slFloor: number;
  readonly slAtrMultiple: number;
  /** Maximum holding time before a timeout exit, hours (default 24). */
  readonly maxHoldHours: number;
}

export const DEFAULT_TRADE_PLAN: Readonly<TradePlanConfig> = Object.freeze({
  tpFloor: 0.025,
  tpAtrMultiple: 3,
  slFloor: 0.015,
  slAtrMultiple: 1.5,
  maxHoldHours: 24,
});

/** TP and SL as fractions of the entry price, and their price levels for a given reference price. */
export interface TradePlan {
  readonly tp: number;
  readonly sl: number;
  readonly tpPrice: number;
  readonly slPrice: number;
  readonly maxHoldHours: number;
}

/**
 * Returns the exits of a trade entered near `price` with the given ATR (same unit as price).
 * When ATR is unavailable the floors apply. Thrown (RangeError) when price <= 0 or ATR < 0.
 */
export function planTrade(
  side: Side,
  price: number,
  atr: number | undefined,
  cfg: TradePlanConfig,
): TradePlan {
  if (!(price > 0)) throw new RangeError(`price must be > 0, got ${price}`);
  if (atr !== undefined && !(atr >= 0)) throw new RangeError(`atr must be >= 0, got ${atr}`);
  const atrFraction = atr === undefined ? 0 : atr / price;
  const tp = Math.max(cfg.tpFloor, cfg.tpAtrMultiple * atrFraction);
  const sl = Math.max(cfg.slFloor, cfg.slAtrMultiple * atrFraction);
  const sign = side === 'long' ? 1 : -1;
  return {
    tp,
    sl,
    tpPrice: price * (1 + sign * tp),
    slPrice: price * (1 - sign * sl),
    maxHoldHours: cfg.maxHoldHours,
  };
}

/**
 * Returns the net expected value of a trade as a fraction of notional (plan, Gate4):
 * EV_net = P·TP − (1 − P)·SL − cost, with P the calibrated win probability and cost the expected
 * round-trip cost (entry + exit execution + expected funding) as a fraction.
 */
export function expectedValueNet(p: number, tp: number, sl: number, costFraction: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`P must be in [0, 1], got ${p}`);
  return p * tp - (1 - p) * sl - costFraction;
}

/** The plan's cold-start map from confidence (0–100) to win probability: clamp(0.40 + c/100·0.30, 0.35, 0.75). */
export function bootstrapProbability(confidence: number): number {
  return Math.min(0.75, Math.max(0.35, 0.4 + (confidence / 100) * 0.3));
}
