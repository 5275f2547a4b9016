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

/**
 * Defaults: the plan's floors (TP ≥ 2.5 %, SL ≥ 1.5 %), TP at 3 ATR and SL at 1.5 ATR (reward:risk 2:1 once ATR
 * exceeds the floors), 24 h maximum hold.
 */
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
 * EV_net = P·TP − (1 − P)·SL − cost, with P the calibrated win probability, TP/SL fractions of the entry price
 * and cost the expected round-trip cost (2 × expected entry cost + expected funding over the planned hold) as a
 * fraction. Thrown (RangeError) when P is outside [0, 1] or an input is not finite.
 */
export function expectedValueNet(p: number, tp: number, sl: number, costFraction: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`P must be in [0, 1], got ${p}`);
  if (![tp, sl, costFraction].every(Number.isFinite)) throw new RangeError('TP, SL and cost must be finite');
  return p * tp - (1 - p) * sl - costFraction;
}

/**
 * Returns the entry limit price of a signal: the worst price the entry may fill at, `offsetBps` beyond the
 * reference `price` (above for a long, below for a short), or undefined without an offset (a market order at the
 * next bar's open). Thrown (RangeError) when the offset is negative or not finite.
 */
export function entryPriceLimit(
  side: Side,
  price: number,
  offsetBps: number | undefined,
): number | undefined {
  if (offsetBps === undefined) return undefined;
  if (!(offsetBps >= 0 && Number.isFinite(offsetBps)))
    throw new RangeError(`entry limit offset must be a finite bps value >= 0, got ${offsetBps}`);
  return price * (1 + (side === 'long' ? 1 : -1) * (offsetBps / 10_000));
}
