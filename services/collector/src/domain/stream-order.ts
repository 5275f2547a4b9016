/** What the order check says about a live message. */
export type OrderVerdict =
  | { readonly kind: 'next' }
  /** Points missing before this message: [firstMissing, lastMissing] on the stream's grid. */
  | {
      readonly kind: 'gap';
      readonly firstMissing: number;
      readonly lastMissing: number;
      readonly missing: number;
    }
  /** At or behind what was already accepted: a repeat or a late message. */
  | { readonly kind: 'late'; readonly lastAccepted: number };

/**
 * Follows the position of one live stream on a regular grid (bar open times with `step` = the interval,
 * aggregate-trade ids with `step` = 1, book update ids with `step` = 0 meaning "only increasing"). Each
 * message is `next`, opens a `gap` (the points in between never arrived), or is `late` (at or behind the last
 * accepted point: out of order or repeated). Pure; the caller acts on the verdict.
 */
export class StreamOrder {
  private last: number | undefined;

  constructor(private readonly step: number) {}

  /** Returns the last accepted point, if any. */
  get lastAccepted(): number | undefined {
    return this.last;
  }

  /** Judges `point` and, unless it is late, accepts it. */
  observe(point: number): OrderVerdict {
    const last = this.last;
    if (last !== undefined && point <= last) return { kind: 'late', lastAccepted: last };
    this.last = point;
    if (last === undefined || this.step === 0 || point === last + this.step) return { kind: 'next' };
    const missing = (point - last) / this.step - 1;
    return { kind: 'gap', firstMissing: last + this.step, lastMissing: point - this.step, missing };
  }

  /** Moves the position to `point` without judging it (after points were filled from elsewhere). */
  advanceTo(point: number): void {
    if (this.last === undefined || point > this.last) this.last = point;
  }
}
