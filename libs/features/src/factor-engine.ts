import type { FundingRate, Kline, OpenInterest, SymbolId } from '@cryptosignal/domain';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { BarClock, checkKline } from './bar-clock.js';
import { type FactorConfig, type FactorConfigOverrides, resolveFactorConfig } from './config.js';
import { OscillatorState } from './extras-state.js';
import { barDelta, CvdWindow, type TradeFlow } from './factors/flow.js';
import { RollingRegression } from './factors/independence.js';
import { Ring, ratio, squash } from './factors/math.js';
import {
  fundingScore,
  fundLeadingScore,
  momentumScore,
  openInterestScore,
  priceDirection,
} from './factors/scores.js';
import { TimedSeries } from './factors/timed-series.js';
import { TrendScore } from './factors/trend.js';
import { VolumeScore } from './factors/volume.js';
import { LogReturn } from './indicators/log-return.js';
import { StdDev } from './indicators/std-dev.js';
import { intervalMs } from './interval.js';
import type { MarketSnapshot } from './market-reference.js';
import type { FactorSnapshot, MissingReason } from './snapshot.js';
import { assembleSnapshot, BarReadings } from './snapshot-builder.js';

/** What else is known about a bar besides its kline: the market reference and trade flow for the same hour. */
export interface BarContext {
  /** Market-reference snapshot of the same hour (from MarketReference.update); absent = BTC missing. */
  readonly market?: MarketSnapshot;
  /** Trade flow aggregated for the bar, used for CVD when the kline has no taker-buy volume. */
  readonly tradeFlow?: TradeFlow;
}

/**
 * The v7.2 factor engine of one symbol, streaming: O(1) (amortised) work per closed bar. Feed funding events and
 * open-interest samples as they are published (any time before or after the bars they belong to: a bar only
 * sees observations stamped at or before its close), then each closed kline in order with its context.
 * A bar after missing bars (a gap) restarts every kline window: no value is computed across a gap.
 * The batch form (computeFactorSeries) is a fold of this class.
 */
export class FactorEngine {
  readonly config: FactorConfig;
  private readonly stepMs: number;
  private readonly clock: BarClock;
  private readonly trend: TrendScore;
  private readonly logReturn = new LogReturn();
  private readonly volatility: StdDev;
  private readonly closes: Ring;
  private readonly cvdLong: CvdWindow;
  private readonly cvdShort: CvdWindow;
  private readonly volume: VolumeScore;
  private readonly regression: RollingRegression;
  private readonly oscillators: OscillatorState;
  private readonly funding = new TimedSeries('funding');
  private readonly openInterest = new TimedSeries('open interest');
  private readonly readings = new BarReadings();
  private previousReturn: number | undefined;
  private afterGap = false;
  private flowBroken = false;
  private regressionReason: MissingReason = 'warmup';

  /** Thrown (RangeError) when the configuration is invalid. */
  constructor(
    readonly symbol: SymbolId,
    overrides: FactorConfigOverrides = {},
  ) {
    const c = resolveFactorConfig(overrides);
    this.config = c;
    this.stepMs = intervalMs(c.interval);
    this.clock = new BarClock(symbol, this.stepMs);
    this.trend = new TrendScore(c.trend);
    this.volatility = new StdDev(c.momentum.volatilityBars);
    this.closes = new Ring(Math.max(c.momentum.rocBars, this.oiBars(), c.fundLeading.windowBars) + 1);
    this.cvdLong = new CvdWindow(c.flow.windowBars);
    this.cvdShort = new CvdWindow(c.fundLeading.windowBars);
    this.volume = new VolumeScore(c.volume.meanBars, c.volume.scale);
    this.regression = new RollingRegression(c.independence.windowBars);
    this.oscillators = new OscillatorState(c.extras);
  }

  /** Records a funding event. Thrown (InvalidMessageError) when of another symbol or out of time order. */
  addFunding(event: FundingRate): void {
    this.checkSymbol(event.symbol, 'funding');
    this.funding.add(event.fundingTime, event.rate);
  }

  /** Records an open-interest sample. Thrown (InvalidMessageError) when of another symbol or out of order. */
  addOpenInterest(sample: OpenInterest): void {
    this.checkSymbol(sample.symbol, 'open interest');
    if (!(sample.openInterest > 0)) {
      throw new InvalidMessageError(
        'DATA_INVALID',
        `${this.symbol}: open interest must be > 0 at ${sample.timestamp}`,
      );
    }
    this.openInterest.add(sample.timestamp, sample.openInterest);
  }

  /**
   * Computes the factors of the next closed bar. Thrown (InvalidMessageError, DATA_INVALID) when the bar is of
   * another symbol or interval, not after the previous bar, off the interval grid, or inconsistent.
   */
  update(kline: Kline, context: BarContext = {}): FactorSnapshot {
    this.accept(kline);
    const r = this.readings;
    const closeTime = kline.openTime + this.stepMs - 1;
    r.kline = kline;
    r.seriesReason = this.afterGap ? 'gap' : 'warmup';
    this.readPrice(kline, r);
    this.readFlow(kline, context.tradeFlow, r);
    this.readOpenInterest(closeTime, r);
    this.readMarket(kline, context.market, r);
    this.readFundLeading(r);
    const f = this.config.funding;
    r.fundingRate = this.funding.valueAt(closeTime, f.maxAgeMs);
    r.B = r.fundingRate === undefined ? undefined : fundingScore(r.fundingRate, f.baselineRate, f.scale);
    this.oscillators.update(kline.close, r);
    this.forgetBefore(closeTime);
    return assembleSnapshot(this.symbol, r);
  }

  private accept(kline: Kline): void {
    this.checkSymbol(kline.symbol, 'kline');
    checkKline(kline, this.symbol);
    if (kline.interval !== this.config.interval) {
      throw new InvalidMessageError(
        'DATA_INVALID',
        `${this.symbol}: ${kline.interval} bar fed to a ${this.config.interval} engine`,
      );
    }
    const step = this.clock.advance(kline.openTime);
    if (step === 'gap') this.restartAfterGap();
  }

  private readPrice(kline: Kline, r: BarReadings): void {
    r.T = this.trend.update(kline.high, kline.low, kline.close);
    r.atr = this.trend.atr;
    const logReturn = this.logReturn.update(kline.close);
    const sigma = logReturn === undefined ? undefined : this.volatility.update(logReturn);
    r.priceAcceleration =
      logReturn !== undefined && this.previousReturn !== undefined
        ? logReturn - this.previousReturn
        : undefined;
    this.previousReturn = logReturn;
    r.logReturn = logReturn;
    r.sigma = sigma;
    this.closes.push(kline.close);
    const m = this.config.momentum;
    const roc = this.logChange(m.rocBars);
    r.M =
      roc !== undefined && sigma !== undefined ? momentumScore(roc, sigma, m.rocBars, m.scale) : undefined;
    r.V = this.volume.update(kline);
  }

  private readFlow(kline: Kline, tradeFlow: TradeFlow | undefined, r: BarReadings): void {
    const bar = barDelta(kline, tradeFlow, this.config.flow.allowProxy);
    this.cvdLong.push(bar);
    this.cvdShort.push(bar);
    const imbalance = this.cvdLong.imbalance();
    // A bar without CVD input empties the windows; C stays unavailable for that reason until C's window refills.
    if (bar.source === 'none') this.flowBroken = true;
    else if (imbalance !== undefined) this.flowBroken = false;
    const windowSource = this.cvdLong.worstSource();
    const f = this.config.flow;
    r.C =
      imbalance === undefined
        ? undefined
        : squash(imbalance, windowSource === 'clv_proxy' ? f.proxyScale : f.scale);
    r.cvdSource = bar.source;
    r.cvdWindowSource = windowSource;
    r.flowReason = this.flowBroken ? 'no_flow' : undefined;
    r.cvdChange24h = imbalance;
    r.cvdChange6h = this.cvdShort.imbalance();
    r.volumeImbalance = bar.source === 'none' ? undefined : bar.volume > 0 ? bar.delta / bar.volume : 0;
  }

  private readOpenInterest(closeTime: number, r: BarReadings): void {
    const o = this.config.openInterest;
    const now = this.openInterest.valueAt(closeTime, o.maxAgeMs);
    r.oiChange24h = now === undefined ? undefined : this.oiChange(now, closeTime - o.lookbackMs);
    r.oiChange6h =
      now === undefined ? undefined : this.oiChange(now, closeTime - this.config.fundLeading.oiLookbackMs);
    const bars = this.oiBars();
    const move = this.logChange(bars);
    r.O =
      r.oiChange24h !== undefined && move !== undefined && r.sigma !== undefined
        ? openInterestScore(priceDirection(move, r.sigma, bars), r.oiChange24h, o.scale)
        : undefined;
  }

  private oiChange(now: number, beforeMs: number): number | undefined {
    const before = this.openInterest.valueAt(beforeMs, this.config.openInterest.maxAgeMs);
    return before === undefined ? undefined : Math.log(now / before);
  }

  private readMarket(kline: Kline, market: MarketSnapshot | undefined, r: BarReadings): void {
    const same = market !== undefined && market.openTime === kline.openTime ? market : undefined;
    const marketReturn = same?.logReturn;
    if (marketReturn === undefined) {
      // A missing market return breaks the regression window: I restarts rather than skipping the hour.
      this.regression.reset();
      this.regressionReason = 'no_market';
    } else if (r.logReturn !== undefined) {
      this.regression.push(marketReturn, r.logReturn);
    }
    const rSquared = this.regression.rSquared();
    r.I = rSquared === undefined ? undefined : 100 * (1 - rSquared);
    r.independenceReason =
      r.I !== undefined ? undefined : this.regression.full ? 'degenerate' : this.regressionReason;
    r.marketRegime = same?.regime;
    r.regimeReason = same === undefined ? 'no_market' : same.regimeReason;
    r.marketSource = same?.source;
  }

  private readFundLeading(r: BarReadings): void {
    const w = this.config.fundLeading;
    const move = this.logChange(w.windowBars);
    r.F_v2 = undefined;
    if (
      r.cvdChange6h === undefined ||
      r.oiChange6h === undefined ||
      r.sigma === undefined ||
      move === undefined
    ) {
      return;
    }
    const flowScale = this.cvdShort.worstSource() === 'clv_proxy' ? w.proxyFlowScale : w.flowScale;
    r.F_v2 = fundLeadingScore(
      {
        flowImbalance: r.cvdChange6h,
        oiLogChange: r.oiChange6h,
        priceZ: ratio(move, r.sigma * Math.sqrt(w.windowBars)),
      },
      { flowScale, oiScale: w.oiScale, priceScale: w.priceScale },
    );
  }

  private forgetBefore(closeTime: number): void {
    const c = this.config;
    this.funding.forgetBefore(closeTime - c.funding.maxAgeMs);
    this.openInterest.forgetBefore(
      closeTime - Math.max(c.openInterest.lookbackMs, c.fundLeading.oiLookbackMs),
    );
  }

  private restartAfterGap(): void {
    this.trend.reset();
    this.logReturn.reset();
    this.volatility.reset();
    this.closes.reset();
    this.cvdLong.reset();
    this.cvdShort.reset();
    this.volume.reset();
    this.regression.reset();
    this.oscillators.reset();
    this.previousReturn = undefined;
    this.afterGap = true;
    this.flowBroken = false;
    this.regressionReason = 'gap';
  }

  private logChange(bars: number): number | undefined {
    const now = this.closes.ago(0);
    const then = this.closes.ago(bars);
    return now === undefined || then === undefined ? undefined : Math.log(now / then);
  }

  private oiBars(): number {
    return Math.round(this.config.openInterest.lookbackMs / this.stepMs);
  }

  private checkSymbol(symbol: SymbolId, what: string): void {
    if (symbol !== this.symbol) {
      throw new InvalidMessageError('DATA_INVALID', `${what} of ${symbol} fed to the ${this.symbol} engine`);
    }
  }
}
