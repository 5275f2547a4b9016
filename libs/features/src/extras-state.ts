import type { FactorConfig } from './config.js';
import { Bollinger } from './indicators/bbands.js';
import { Macd } from './indicators/macd.js';
import { Rsi } from './indicators/rsi.js';
import type { BarReadings } from './snapshot-builder.js';

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
   * Feeds the next close and writes the extras at it into `out`: RSI (0–100), MACD line/signal/histogram (price
   * units), Bollinger position (close − lower)/(upper − lower) (0.5 when the bands coincide) and width
   * (upper − lower)/middle (fraction of price).
   */
  update(close: number, out: BarReadings): void {
    out.rsi = this.rsi.update(close);
    const macd = this.macd.update(close);
    out.macd = macd?.macd;
    out.macdSignal = macd?.signal;
    out.macdHist = macd?.hist;
    const bands = this.bands.update(close);
    out.bbPosition = undefined;
    out.bbWidth = undefined;
    if (bands !== undefined) {
      const width = bands.upper - bands.lower;
      out.bbPosition = width > 0 ? (close - bands.lower) / width : 0.5;
      out.bbWidth = width / bands.middle;
    }
  }

  /** Forgets all state (after a gap). */
  reset(): void {
    this.rsi.reset();
    this.macd.reset();
    this.bands.reset();
  }
}
