import { Atr } from '../indicators/atr.js';
import { Ema } from '../indicators/ema.js';
import { Ring, squash } from './math.js';

/** Windows and scale of the trend score (see FactorConfig.trend). */
export interface TrendParams {
  readonly fastEma: number;
  readonly slowEma: number;
  readonly atrPeriod: number;
  readonly slopeBars: number;
  readonly scale: number;
}

/**
 * Trend score T, streaming, O(1) per bar: EMA alignment and slope measured in ATRs,
 * x = 0.4·(EMA_fast − EMA_slow)/ATR + 0.4·(EMA_fast,t − EMA_fast,t−k)/ATR + 0.2·(close − EMA_fast)/ATR,
 * T = 100·tanh(x / scale); 0 while the ATR is 0 (no range at all). Positive when price is above a rising fast
 * EMA that is above the slow one. Also the market regime when fed the market reference's (BTC's) bars.
 */
export class TrendScore {
  private readonly fast: Ema;
  private readonly slow: Ema;
  private readonly atrState: Atr;
  private readonly fastHistory: Ring;
  private lastAtr: number | undefined;

  /** Thrown (RangeError) when a window is not an integer ≥ 2 (slopeBars ≥ 1). */
  constructor(private readonly params: TrendParams) {
    this.fast = new Ema(params.fastEma);
    this.slow = new Ema(params.slowEma);
    this.atrState = new Atr(params.atrPeriod);
    this.fastHistory = new Ring(params.slopeBars + 1);
  }

  /** ATR (price units) at the last bar fed, or `undefined` during its lookback. */
  get atr(): number | undefined {
    return this.lastAtr;
  }

  /** Feeds the next bar (price units) and returns T at it, or `undefined` until every window is filled. */
  update(high: number, low: number, close: number): number | undefined {
    const fast = this.fast.update(close);
    const slow = this.slow.update(close);
    const atr = this.atrState.update(high, low, close);
    this.lastAtr = atr;
    if (fast !== undefined) this.fastHistory.push(fast);
    const fastAgo = this.fastHistory.ago(this.params.slopeBars);
    if (fast === undefined || slow === undefined || atr === undefined || fastAgo === undefined)
      return undefined;
    if (atr === 0) return 0;
    const spread = (fast - slow) / atr;
    const slope = (fast - fastAgo) / atr;
    const position = (close - fast) / atr;
    return squash(0.4 * spread + 0.4 * slope + 0.2 * position, this.params.scale);
  }

  /** Forgets all state (after a gap): the next bar starts a new series. */
  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.atrState.reset();
    this.fastHistory.reset();
    this.lastAtr = undefined;
  }
}
