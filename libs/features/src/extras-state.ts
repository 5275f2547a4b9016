import type { FactorConfig } from './config.js';
import { Bollinger } from './indicators/bbands.js';
import { Macd } from './indicators/macd.js';
import { Rsi } from './indicators/rsi.js';

/** The oscillator extras of one bar (see FeatureExtras). */
export interface OscillatorExtras {
  readonly rsi: number | undefined;
  readonly macd: number | undefined;
  readonly macdSignal: number | undefined;
  readonly macdHist: number | undefined;
  readonly bbPosition: number | undefined;
  readonly bbWidth: number | undefined;
}

/** RSI, MACD and Bollinger state of one series, streaming, O(1) per close. */
export class OscillatorState {
  private readonly rsi: Rsi;
  private readonly macd: Macd;
  private readonly bands: Bollinger;

  /** Thrown (RangeError) when a period is invalid. */
  constructor(config: FactorConfig['extras']) {
    this.rsi = new Rsi(config.rsiPeriod);
    this.macd = new Macd(config.macdFast, config.macdSlow, config.macdSignal);
    this.bands = new Bollinger(config.bollingerPeriod, config.bollingerDev, config.bollingerDev);
  }

  /**
   * Feeds the next close and returns the extras at it: RSI (0–100), MACD line/signal/histogram (price units),
   * Bollinger position (close − lower)/(upper − lower) (0.5 when the bands coincide) and width
   * (upper − lower)/middle (fraction of price).
   */
  update(close: number): OscillatorExtras {
    const rsi = this.rsi.update(close);
    const macd = this.macd.update(close);
    const bands = this.bands.update(close);
    let bbPosition: number | undefined;
    let bbWidth: number | undefined;
    if (bands !== undefined) {
      const width = bands.upper - bands.lower;
      bbPosition = width > 0 ? (close - bands.lower) / width : 0.5;
      bbWidth = width / bands.middle;
    }
    return { rsi, macd: macd?.macd, macdSignal: macd?.signal, macdHist: macd?.hist, bbPosition, bbWidth };
  }

  /** Forgets all state (after a gap). */
  reset(): void {
    this.rsi.reset();
    this.macd.reset();
    this.bands.reset();
  }
}
