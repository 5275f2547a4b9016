import { HOUR_MS } from '@cryptosignal/domain';
import { DepthBook } from '../domain/depth-book.js';
import { bookFillCosts } from '../domain/execution-costs.js';
import { chargeFunding } from '../domain/funding.js';
import { FundingLedger } from '../domain/funding-ledger.js';
import { HourTape } from '../domain/hour-tape.js';
import type { MarketView, TrackedPosition } from '../domain/tracked-position.js';
import type { ExecutorSettings } from '../settings.js';

/** Funding older than this many hours before the last sealed hour, beyond the longest hold, is dropped. */
const FUNDING_SLACK_HOURS = 9;

/**
 * Everything the executor keeps for one symbol: its bars hour by hour, its funding history, its latest depth
 * snapshots and the positions being followed (pending or open), by signal id.
 */
export class SymbolState {
  readonly tape: HourTape;
  readonly funding = new FundingLedger();
  readonly depth = new DepthBook();
  positions = new Map<string, TrackedPosition>();

  constructor(
    readonly symbol: string,
    private readonly settings: ExecutorSettings,
  ) {
    this.tape = new HourTape(settings.historyHours);
  }

  /** Returns the positions in the order their reports are made: signal time, then signal id. */
  orderedPositions(): TrackedPosition[] {
    return [...this.positions.values()].sort(
      (a, b) =>
        a.order.signalTimeMs - b.order.signalTimeMs ||
        (a.order.signalId < b.order.signalId ? -1 : a.order.signalId > b.order.signalId ? 1 : 0),
    );
  }

  /**
   * Returns the market positions of this symbol are filled and settled against: depth-walk costs when a
   * snapshot taken before the hour is recent enough (config defaults otherwise), funding from the ledger.
   */
  marketView(): MarketView {
    const s = this.settings;
    return {
      fillCosts: (direction, notionalUsdt, hourMs, timeMs) => {
        const book = this.depth.usableFor(hourMs, timeMs, s.depthMaxAgeMs);
        return book ? bookFillCosts(book, direction, notionalUsdt, s.defaultFillCosts) : s.defaultFillCosts;
      },
      funding: (side, entryMs, exitMs) =>
        chargeFunding(side, entryMs, exitMs, this.funding.events(), s.assumedFundingRatePer8h),
      breakevenBand: s.breakevenBand,
    };
  }

  /** Drops funding no position can need any more: older than history + max hold + 9 h before the last seal. */
  trimFunding(): void {
    const last = this.tape.lastSealedHourMs;
    if (last === undefined) return;
    const keepHours =
      this.settings.historyHours + Math.ceil(this.settings.maxHoldHours) + FUNDING_SLACK_HOURS;
    const oldestEntry = Math.min(last, ...[...this.positions.values()].map((p) => p.order.signalTimeMs));
    this.funding.trimBefore(Math.min(oldestEntry, last - keepHours * HOUR_MS));
  }
}
