import type { Side } from '@cryptosignal/domain';
import { SIDES } from '@cryptosignal/domain';
import type { CalibrationMetrics, MetricsOptions } from './calibration-metrics.js';
import { calibrationMetrics } from './calibration-metrics.js';
import { LOG_LOSS_EPSILON } from './log-loss.js';
import { DEFAULT_PROBABILITY_BINS } from './probability-bins.js';
import type { ScoredOutcome } from './scored-outcome.js';
import type { MonitorWindow } from './window.js';
import { assertWindow, selectWindow } from './window.js';

/** Settings of a CalibrationMonitor: the rolling window, the bin count and the log-loss clipping. */
export interface CalibrationMonitorOptions extends MetricsOptions {
  readonly window?: MonitorWindow;
}

/**
 * A calibration report as of `asOfMs` (ms UTC): the settings used, then the metrics of the whole window and
 * of each symbol and side. For `lastTrades` the window is taken within each group (the last N trades of that
 * symbol or side); `lastDays` and `all` select the same trades either way.
 */
export interface CalibrationReport {
  readonly asOfMs: number;
  readonly window: MonitorWindow;
  readonly bins: number;
  readonly logLossEpsilon: number;
  /** Close-time range (ms UTC) of the trades in the overall window; null when it is empty. */
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly overall: CalibrationMetrics;
  /** One entry per symbol with a trade closed by asOf, in symbol order. */
  readonly bySymbol: Readonly<Record<string, CalibrationMetrics>>;
  /** Both sides, always present (n = 0 when a side has no trade). */
  readonly bySide: Readonly<Record<Side, CalibrationMetrics>>;
}

/**
 * The calibration monitor of plan section 2.3 as a pure computation over scored trades: the service
 * loads the trades and publishes or stores the report.
 */
export class CalibrationMonitor {
  readonly window: MonitorWindow;
  readonly bins: number;
  readonly logLossEpsilon: number;

  /**
   * Creates a monitor (default: all trades, 10 bins, log-loss epsilon 1e-15).
   * Thrown (RangeError) when the window is invalid, bins is not a positive integer or epsilon not in (0, 0.5).
   */
  constructor(options: CalibrationMonitorOptions = {}) {
    this.window = options.window ?? { kind: 'all' };
    this.bins = options.bins ?? DEFAULT_PROBABILITY_BINS;
    this.logLossEpsilon = options.logLossEpsilon ?? LOG_LOSS_EPSILON;
    assertWindow(this.window);
    if (!Number.isSafeInteger(this.bins) || this.bins < 1)
      throw new RangeError(`bins must be a positive integer, got ${this.bins}`);
    if (!(this.logLossEpsilon > 0 && this.logLossEpsilon < 0.5))
      throw new RangeError(`logLossEpsilon must be in (0, 0.5), got ${this.logLossEpsilon}`);
  }

  /**
   * Returns the report of `items` as of `asOfMs`; trades closed after asOf are left out.
   * Thrown (RangeError) when an item or a setting is invalid.
   */
  report(items: readonly ScoredOutcome[], asOfMs: number): CalibrationReport {
    const metrics = (group: readonly ScoredOutcome[]) =>
      calibrationMetrics(selectWindow(group, this.window, asOfMs), {
        bins: this.bins,
        logLossEpsilon: this.logLossEpsilon,
      });
    const overall = selectWindow(items, this.window, asOfMs);
    const symbols = [...new Set(items.filter((x) => x.closeMs <= asOfMs).map((x) => x.symbol))].sort();
    const bySide = Object.fromEntries(
      SIDES.map((side) => [side, metrics(items.filter((x) => x.side === side))]),
    ) as Record<Side, CalibrationMetrics>;
    return {
      asOfMs,
      window: this.window,
      bins: this.bins,
      logLossEpsilon: this.logLossEpsilon,
      fromMs: overall[0]?.closeMs ?? null,
      toMs: overall[overall.length - 1]?.closeMs ?? null,
      overall: calibrationMetrics(overall, { bins: this.bins, logLossEpsilon: this.logLossEpsilon }),
      bySymbol: Object.fromEntries(symbols.map((s) => [s, metrics(items.filter((x) => x.symbol === s))])),
      bySide,
    };
  }
}
