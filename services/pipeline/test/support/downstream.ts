import { AdaptiveCalibrator, type CalibrationTrade } from '@cryptosignal/calibration';
import type { SignalSnapshot } from '@cryptosignal/contracts';
import type { Kline } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import type { BusPipeline } from './bus-pipeline.js';
import {
  calibrationEventOf,
  calibrationTradeOf,
  type ResolvedTrade,
  resolveTrade,
  tradeClosedOf,
} from './paper-outcomes.js';

const WEEK_MS = 7 * 24 * HOUR_MS;

/**
 * The executor and calibrator of a replay, in outline (see paper-outcomes.ts): after each hour it resolves the new
 * signals on the following bars; before each hour it releases the trades that exited earlier (close reports of
 * published signals to `trades.closed`, outcomes of the adaptive strategy's signals as calibration samples) and,
 * at each week start (UTC, epoch-aligned), publishes a calibration table fitted on the samples known by then.
 */
export class DownstreamDouble {
  private readonly pending: ResolvedTrade[] = [];
  private readonly samples: CalibrationTrade[] = [];
  private readonly calibrator = new AdaptiveCalibrator();
  private seen = { published: 0, rejected: 0 };

  constructor(
    private readonly p: BusPipeline,
    private readonly bars: ReadonlyMap<string, ReadonlyMap<number, Kline>>,
    private readonly maxHoldHours: number,
    private readonly calibratedVersion: string,
  ) {}

  /** Publishes what became known before the hour opening at `hourOpenMs`. */
  async beforeHour(hourOpenMs: number): Promise<void> {
    const due = this.pending.filter((t) => t.exitTimeMs < hourOpenMs);
    for (const t of due) {
      this.pending.splice(this.pending.indexOf(t), 1);
      if (!t.shadow) await this.p.bus.publish(this.p.topics.tradesClosed, tradeClosedOf(t));
      if (t.snapshot.strategyVersion === this.calibratedVersion) this.samples.push(calibrationTradeOf(t));
    }
    if (hourOpenMs % WEEK_MS === 0 && this.samples.length > 0) {
      const table = this.calibrator.fit(this.samples, hourOpenMs - 1);
      await this.p.bus.publish(this.p.topics.configCalibration, calibrationEventOf(table));
    }
  }

  /** Resolves the signals published or rejected since the last call. */
  afterHour(): void {
    const { published, rejected } = this.p.signals;
    const fresh = [
      ...published
        .slice(this.seen.published)
        .map((e) => ({ s: e.snapshot as SignalSnapshot, shadow: false })),
      ...rejected.slice(this.seen.rejected).map((e) => ({ s: e.snapshot as SignalSnapshot, shadow: true })),
    ];
    this.seen = { published: published.length, rejected: rejected.length };
    for (const { s, shadow } of fresh) {
      const t = resolveTrade(s, shadow, this.bars.get(s.symbol) ?? new Map(), this.maxHoldHours);
      if (t) this.pending.push(t);
    }
  }
}
