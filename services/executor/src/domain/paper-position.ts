import { HOUR_MS, type Side } from '@cryptosignal/domain';
import type { PathBar } from './bar.js';
import { attemptEntry } from './entry.js';
import { type ExitHit, type ExitLevels, scanBarForExit } from './exit-scan.js';

/** A signal (published or shadow) turned into an order. tp/sl are fractions of the fill price. */
export interface PaperOrder {
  readonly signalId: string;
  readonly symbol: string;
  readonly side: Side;
  /** The signal is known at the close of its bar; only bars opening at or after this time can fill it. */
  readonly signalTimeMs: number;
  readonly entryPriceLimit: number | undefined;
  readonly tp: number;
  readonly sl: number;
  readonly maxHoldHours: number;
  /**
   * Entry window, ms (> 0): the order can fill only on bars opening in [signalTimeMs, signalTimeMs + entryTtlMs).
   * A market order fills on the first such bar; a limit order rests over all of them. In time, not bars, so the
   * window is the same whether the position is followed on 1m or 1h bars.
   */
  readonly entryTtlMs: number;
}

/**
 * What happened to a position on one bar: filled; `unfilled` (a limit order whose window closed without price
 * trading through it); `expired` (no bar at all inside the entry window, e.g. a data gap or a signal that
 * arrived after its window); or closed by TP, SL or timeout.
 */
export type PositionEvent =
  | { readonly type: 'filled'; readonly price: number; readonly timeMs: number }
  | { readonly type: 'unfilled'; readonly timeMs: number }
  | { readonly type: 'expired'; readonly timeMs: number }
  | ({ readonly type: 'closed' } & ExitHit);

/** The serialisable state of a PaperPosition (see `snapshot` and `PaperPosition.restore`). */
export type PaperPositionState =
  | { readonly kind: 'pending'; readonly attempted: boolean; readonly lastBarMs: number | null }
  | {
      readonly kind: 'open';
      readonly fillPrice: number;
      readonly fillTimeMs: number;
      readonly levels: ExitLevels;
      readonly lastBarMs: number | null;
    }
  | { readonly kind: 'done'; readonly lastBarMs: number | null };

/**
 * Follows one order bar by bar: entry inside the entry window, then TP/SL/timeout on the fill bar and every
 * later bar (see scanBarForExit for the intrabar rules). A limit order filled inside a bar (at its limit, not
 * at the open) may stop out on that bar but does not take profit on it: whether the high (long) came before
 * or after the fill is unknown, so the conservative reading is taken.
 * Feed bars in time order; bars that open before the signal time are ignored.
 * Thrown (RangeError) when a bar goes back in time, or the entry window is not > 0.
 */
export class PaperPosition {
  private state: PaperPositionState;

  constructor(
    readonly order: PaperOrder,
    state?: PaperPositionState,
  ) {
    if (!(order.entryTtlMs > 0)) throw new RangeError(`entryTtlMs must be > 0, got ${order.entryTtlMs}`);
    this.state = state ?? { kind: 'pending', attempted: false, lastBarMs: null };
  }

  /** Returns a position continuing from `state` (a `snapshot()` of an earlier one). */
  static restore(order: PaperOrder, state: PaperPositionState): PaperPosition {
    return new PaperPosition(order, state);
  }

  /** True once the position has closed or its entry was given up. */
  get done(): boolean {
    return this.state.kind === 'done';
  }

  /** The fill, once filled. */
  get fill(): { price: number; timeMs: number } | undefined {
    return this.state.kind === 'open'
      ? { price: this.state.fillPrice, timeMs: this.state.fillTimeMs }
      : undefined;
  }

  /** Open time of the last bar fed (UTC ms), or null before the first. */
  get lastBarMs(): number | null {
    return this.state.lastBarMs;
  }

  /** Returns the current state, immutable and JSON-serialisable. */
  snapshot(): PaperPositionState {
    return this.state;
  }

  /** Advances the position by one bar and returns what happened on it (0, 1 or 2 events). */
  onBar(bar: PathBar): PositionEvent[] {
    const last = this.state.lastBarMs;
    if (last !== null && bar.openTime < last) {
      throw new RangeError(`${this.order.symbol}: bar ${bar.openTime} is older than ${last}`);
    }
    const lastBarMs = bar.openTime;
    const s = this.state;
    if (s.kind === 'done' || bar.openTime < this.order.signalTimeMs) {
      this.state = { ...s, lastBarMs };
      return [];
    }
    if (s.kind === 'open') return this.scan(s, bar, true);
    const windowEndMs = this.order.signalTimeMs + this.order.entryTtlMs;
    if (bar.openTime >= windowEndMs) {
      this.state = { kind: 'done', lastBarMs };
      return [{ type: s.attempted ? 'unfilled' : 'expired', timeMs: windowEndMs - 1 }];
    }
    const attempt = attemptEntry(this.order, bar);
    if (attempt.status === 'unfilled') {
      const barEndMs = bar.openTime + bar.intervalMs;
      if (barEndMs < windowEndMs) {
        this.state = { kind: 'pending', attempted: true, lastBarMs };
        return [];
      }
      this.state = { kind: 'done', lastBarMs };
      return [{ type: 'unfilled', timeMs: barEndMs - 1 }];
    }
    const open: PaperPositionState = {
      kind: 'open',
      fillPrice: attempt.price,
      fillTimeMs: attempt.timeMs,
      levels: this.levelsFor(attempt.price, attempt.timeMs),
      lastBarMs,
    };
    const filled: PositionEvent = { type: 'filled', price: attempt.price, timeMs: attempt.timeMs };
    return [filled, ...this.scan(open, bar, attempt.price === bar.open)];
  }

  private scan(
    s: Extract<PaperPositionState, { kind: 'open' }>,
    bar: PathBar,
    tpAllowed: boolean,
  ): PositionEvent[] {
    const levels = tpAllowed
      ? s.levels
      : { ...s.levels, tpPrice: s.levels.side === 'long' ? Infinity : -Infinity };
    const hit = scanBarForExit(levels, bar);
    this.state = hit ? { kind: 'done', lastBarMs: bar.openTime } : { ...s, lastBarMs: bar.openTime };
    return hit ? [{ type: 'closed', ...hit }] : [];
  }

  private levelsFor(fillPrice: number, fillTimeMs: number): ExitLevels {
    const sign = this.order.side === 'long' ? 1 : -1;
    return {
      side: this.order.side,
      tpPrice: fillPrice * (1 + sign * this.order.tp),
      slPrice: fillPrice * (1 - sign * this.order.sl),
      deadlineMs: fillTimeMs + this.order.maxHoldHours * HOUR_MS,
    };
  }
}
