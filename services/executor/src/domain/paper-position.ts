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
  /** Bars a limit order rests before it expires unfilled (>= 1). */
  readonly limitTtlBars: number;
}

/** What happened to a position on one bar. */
export type PositionEvent =
  | { readonly type: 'filled'; readonly price: number; readonly timeMs: number }
  | { readonly type: 'expired'; readonly timeMs: number }
  | ({ readonly type: 'closed' } & ExitHit);

type State =
  | { readonly kind: 'pending'; barsLeft: number }
  | {
      readonly kind: 'open';
      readonly fillPrice: number;
      readonly fillTimeMs: number;
      readonly levels: ExitLevels;
    }
  | { readonly kind: 'done' };

/**
 * Follows one order bar by bar: entry on the first bar after the signal, then TP/SL/timeout on the fill bar
 * and every later bar (see scanBarForExit for the intrabar rules). Feed bars in time order; bars that open
 * before the signal time are ignored. Thrown (RangeError) when a bar goes back in time.
 */
export class PaperPosition {
  private state: State;
  private lastBarMs = Number.NEGATIVE_INFINITY;

  constructor(readonly order: PaperOrder) {
    if (order.limitTtlBars < 1) throw new RangeError(`limitTtlBars must be >= 1, got ${order.limitTtlBars}`);
    this.state = { kind: 'pending', barsLeft: order.limitTtlBars };
  }

  /** True once the position has closed or its entry expired. */
  get done(): boolean {
    return this.state.kind === 'done';
  }

  /** The fill, once filled. */
  get fill(): { price: number; timeMs: number } | undefined {
    return this.state.kind === 'open'
      ? { price: this.state.fillPrice, timeMs: this.state.fillTimeMs }
      : undefined;
  }

  /** Advances the position by one bar and returns what happened on it (0, 1 or 2 events). */
  onBar(bar: PathBar): PositionEvent[] {
    if (bar.openTime < this.lastBarMs) {
      throw new RangeError(`${this.order.symbol}: bar ${bar.openTime} is older than ${this.lastBarMs}`);
    }
    this.lastBarMs = bar.openTime;
    if (this.state.kind === 'done' || bar.openTime < this.order.signalTimeMs) return [];
    const events: PositionEvent[] = [];
    if (this.state.kind === 'pending') {
      const attempt = attemptEntry(this.order, bar);
      if (attempt.status === 'unfilled') {
        this.state.barsLeft -= 1;
        if (this.state.barsLeft > 0) return [];
        this.state = { kind: 'done' };
        return [{ type: 'expired', timeMs: bar.openTime + bar.intervalMs - 1 }];
      }
      this.state = {
        kind: 'open',
        fillPrice: attempt.price,
        fillTimeMs: attempt.timeMs,
        levels: this.levelsFor(attempt.price, attempt.timeMs),
      };
      events.push({ type: 'filled', price: attempt.price, timeMs: attempt.timeMs });
    }
    if (this.state.kind === 'open') {
      const hit = scanBarForExit(this.state.levels, bar);
      if (hit) {
        this.state = { kind: 'done' };
        events.push({ type: 'closed', ...hit });
      }
    }
    return events;
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
