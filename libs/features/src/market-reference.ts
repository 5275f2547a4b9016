import type { Kline, UnixMs } from '@cryptosignal/domain';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { BarClock, checkKline } from './bar-clock.js';
import { type FactorConfig, type FactorConfigOverrides, resolveFactorConfig } from './config.js';
import { TrendScore } from './factors/trend.js';
import { intervalMs } from './interval.js';
import type { MarketSource, MissingReason } from './snapshot.js';

/** The market reference's bars for one hour: BTC perpetual and/or BTC spot, either may be absent. */
export interface MarketBars {
  readonly perp?: Kline;
  readonly spot?: Kline;
}

/**
 * The market reference at one bar: which market it came from, BTC's one-bar log return into the bar (from the
 * same market's previous close) and the market regime = BTC's trend score T in [-100, 100]. A missing field is
 * unavailable; `regimeReason` says why the regime is.
 */
export interface MarketSnapshot {
  readonly openTime: UnixMs;
  readonly source?: MarketSource;
  readonly logReturn?: number;
  readonly regime?: number;
  readonly regimeReason?: MissingReason;
}

interface LastClose {
  openTime: number;
  close: number;
}

/**
 * Market reference for independence I and the market regime, streaming, O(1) per hour. Per hour it uses the BTC
 * perpetual bar when present, else the BTC spot bar (DESIGN.md). The return into an hour is taken within one
 * market, never across the two (their prices differ by a few bps): perp over previous perp when both exist, else
 * spot over previous spot. An hour with neither bar, or a skipped hour, is a gap: the regime's EMA/ATR state
 * restarts and stays unavailable until it refills.
 */
export class MarketReference {
  readonly config: FactorConfig;
  private readonly clock: BarClock;
  private readonly stepMs: number;
  private readonly trend: TrendScore;
  private readonly last: { perp?: LastClose; spot?: LastClose } = {};
  private afterGap = false;

  /** Thrown (RangeError) when the configuration is invalid. */
  constructor(overrides: FactorConfigOverrides = {}) {
    this.config = resolveFactorConfig(overrides);
    this.stepMs = intervalMs(this.config.interval);
    this.clock = new BarClock('market reference', this.stepMs);
    this.trend = new TrendScore(this.config.trend);
  }

  /**
   * Feeds the reference bars of the hour opening at `openTime` and returns the snapshot for it.
   * Thrown (InvalidMessageError, DATA_INVALID) when the hour is not after the previous one, or a bar is
   * inconsistent, of another interval or of another hour.
   */
  update(openTime: UnixMs, bars: MarketBars): MarketSnapshot {
    if (this.clock.advance(openTime) === 'gap') this.restart();
    for (const bar of [bars.perp, bars.spot]) if (bar !== undefined) this.check(bar, openTime);
    const chosen = bars.perp ?? bars.spot;
    if (chosen === undefined) {
      this.restart();
      return { openTime, regimeReason: 'no_market' };
    }
    const source: MarketSource = bars.perp !== undefined ? 'perp' : 'spot';
    const logReturn =
      this.returnInto(openTime, bars.perp, 'perp') ?? this.returnInto(openTime, bars.spot, 'spot');
    if (bars.perp !== undefined) this.last.perp = { openTime, close: bars.perp.close };
    if (bars.spot !== undefined) this.last.spot = { openTime, close: bars.spot.close };
    const regime = this.trend.update(chosen.high, chosen.low, chosen.close);
    if (regime !== undefined) return { openTime, source, logReturn, regime };
    return { openTime, source, logReturn, regimeReason: this.afterGap ? 'gap' : 'warmup' };
  }

  /** Returns ln(close / previous close) within one market, when that market has both bars. */
  private returnInto(openTime: number, bar: Kline | undefined, market: MarketSource): number | undefined {
    const previous = this.last[market];
    if (bar === undefined || previous === undefined || previous.openTime !== openTime - this.stepMs)
      return undefined;
    return Math.log(bar.close / previous.close);
  }

  private restart(): void {
    this.trend.reset();
    this.afterGap = true;
  }

  private check(bar: Kline, openTime: number): void {
    checkKline(bar, 'market reference');
    if (bar.openTime !== openTime || bar.interval !== this.config.interval) {
      throw new InvalidMessageError(
        'DATA_INVALID',
        `market reference: ${bar.interval} bar ${bar.openTime} fed as the ${this.config.interval} hour ${openTime}`,
      );
    }
  }
}
