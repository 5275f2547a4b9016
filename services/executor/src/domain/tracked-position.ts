import { type FillDirection, fillDirection } from '@cryptosignal/costs';
import type { Side } from '@cryptosignal/domain';
import type { TraceParent } from '@cryptosignal/telemetry';
import { effectiveFillPrice, type FillCosts } from './execution-costs.js';
import type { FundingCharge } from './funding.js';
import type { SealedHour } from './hour-tape.js';
import { PaperPosition, type PaperPositionState, type PositionEvent } from './paper-position.js';
import { settleTrade } from './settlement.js';
import {
  type EntryFill,
  isActiveStatus,
  type PositionStatus,
  type TrackedOrder,
  type TradeOutcome,
} from './trade-outcome.js';

/** The market a position is settled against while one hour is advanced. */
export interface MarketView {
  /** Returns the costs of a fill of `notionalUsdt` in `direction` at `timeMs`, inside the hour starting at `hourMs`. */
  fillCosts(direction: FillDirection, notionalUsdt: number, hourMs: number, timeMs: number): FillCosts;
  /** Returns the funding a `side` position pays over (entryMs, exitMs], bps of notional. */
  funding(side: Side, entryMs: number, exitMs: number): FundingCharge;
  /** Breakeven band of the outcome, fraction of notional (see settleTrade). */
  readonly breakevenBand: number;
}

/**
 * The persisted form of a tracked position: order, paper state, entry fill once filled, status, and the trace
 * context of the span in which the signal was taken.
 */
export interface PositionRecord {
  readonly order: TrackedOrder;
  /**
   * Context of the span that handled the signal (the executor's `signals.* process`), so that reports made
   * hours later, on another bar, can link to it; absent when the signal came without one (tracing off).
   */
  readonly signalTrace?: TraceParent;
  readonly status: PositionStatus;
  readonly paper: PaperPositionState;
  readonly entry: EntryFill | null;
  /** Event time of the last change (UTC ms): signal time, fill, give-up or exit time. */
  readonly updatedAtMs: number;
}

/**
 * A signal followed from entry to exit: a PaperPosition plus the fill costs and settlement. `advance` feeds
 * it one sealed hour and returns what it reports. Immutable from the outside: `advance` works on a copy.
 */
export class TrackedPosition {
  private constructor(
    private readonly paper: PaperPosition,
    private readonly record: PositionRecord,
  ) {}

  /** Returns a new pending position for `order`, taken in the span `signalTrace` (when traced). */
  static open(order: TrackedOrder, signalTrace?: TraceParent): TrackedPosition {
    const paper = new PaperPosition(order);
    return new TrackedPosition(paper, {
      order,
      ...(signalTrace ? { signalTrace } : {}),
      status: 'pending',
      paper: paper.snapshot(),
      entry: null,
      updatedAtMs: order.signalTimeMs,
    });
  }

  /** Returns the position a record describes (after a restart). */
  static fromRecord(record: PositionRecord): TrackedPosition {
    return new TrackedPosition(PaperPosition.restore(record.order, record.paper), record);
  }

  get order(): TrackedOrder {
    return this.record.order;
  }

  /** Context of the span in which the signal was taken; undefined when it was not traced. */
  get signalTrace(): TraceParent | undefined {
    return this.record.signalTrace;
  }

  get status(): PositionStatus {
    return this.record.status;
  }

  /** True while the position is pending or open. */
  get active(): boolean {
    return isActiveStatus(this.record.status);
  }

  /** Returns the record to persist: the status, entry and paper state after the last advance. */
  toRecord(): PositionRecord {
    return { ...this.record, paper: this.paper.snapshot() };
  }

  /** Gives up the entry without any bar: the entry window passed before the signal could be followed. */
  expire(): { position: TrackedPosition; outcomes: TradeOutcome[] } {
    const timeMs = this.order.signalTimeMs + this.order.entryTtlMs - 1;
    const next = new TrackedPosition(this.paper, { ...this.record, status: 'expired', updatedAtMs: timeMs });
    return {
      position: next,
      outcomes: [{ kind: 'execution', order: this.order, status: 'expired', timeMs }],
    };
  }

  /** Feeds the bars of `hour` not yet seen; returns the advanced copy and what it reports. */
  advance(hour: SealedHour, market: MarketView): { position: TrackedPosition; outcomes: TradeOutcome[] } {
    const paper = PaperPosition.restore(this.order, this.paper.snapshot());
    let record = this.record;
    const outcomes: TradeOutcome[] = [];
    for (const bar of hour.path) {
      if (paper.done) break;
      if (paper.lastBarMs !== null && bar.openTime <= paper.lastBarMs) continue;
      for (const event of paper.onBar(bar)) {
        const step = applyEvent(record, event, hour.hourMs, market);
        record = step.record;
        outcomes.push(step.outcome);
      }
    }
    return { position: new TrackedPosition(paper, record), outcomes };
  }
}

function applyEvent(
  record: PositionRecord,
  event: PositionEvent,
  hourMs: number,
  market: MarketView,
): { record: PositionRecord; outcome: TradeOutcome } {
  const { order } = record;
  if (event.type === 'unfilled' || event.type === 'expired') {
    const outcome: TradeOutcome = { kind: 'execution', order, status: event.type, timeMs: event.timeMs };
    return { record: { ...record, status: event.type, updatedAtMs: event.timeMs }, outcome };
  }
  if (event.type === 'filled') {
    const direction = fillDirection(order.side, 'entry');
    const costs = market.fillCosts(direction, order.notionalUsdt, hourMs, event.timeMs);
    const effectivePrice = effectiveFillPrice(event.price, direction, costs);
    const fill: EntryFill = {
      referencePrice: event.price,
      effectivePrice,
      timeMs: event.timeMs,
      quantity: order.notionalUsdt / effectivePrice,
      costs,
    };
    const outcome: TradeOutcome = { kind: 'execution', order, status: 'filled', timeMs: event.timeMs, fill };
    return { record: { ...record, status: 'open', entry: fill, updatedAtMs: event.timeMs }, outcome };
  }
  const entry = record.entry;
  if (!entry) throw new RangeError(`${order.signalId}: closed without an entry fill`);
  const direction = fillDirection(order.side, 'exit');
  const costs = market.fillCosts(direction, order.notionalUsdt, hourMs, event.timeMs);
  const funding = market.funding(order.side, entry.timeMs, event.timeMs);
  const settlement = settleTrade({
    side: order.side,
    notionalUsdt: order.notionalUsdt,
    entryPrice: entry.referencePrice,
    entryTimeMs: entry.timeMs,
    entryCosts: entry.costs,
    exitPrice: event.price,
    exitTimeMs: event.timeMs,
    exitReason: event.reason,
    exitCosts: costs,
    funding,
    breakevenBand: market.breakevenBand,
  });
  const exit = {
    reason: event.reason,
    referencePrice: event.price,
    effectivePrice: settlement.effectiveExitPrice,
    timeMs: event.timeMs,
    costs,
  };
  const outcome: TradeOutcome = {
    kind: 'close',
    order,
    timeMs: event.timeMs,
    entry,
    exit,
    funding,
    settlement,
  };
  return { record: { ...record, status: 'closed', updatedAtMs: event.timeMs }, outcome };
}
