/**
 * One-bar log return, streaming: `ln(close_t / close_{t−1})`, dimensionless (0.01 ≈ +1 %). The first value
 * after construction or `reset` is `undefined`. Same arithmetic as TA-Lib's `LN(ROCR(close, 1))` (a division,
 * then the natural log); `undefined` where the previous close is 0, as ROCR has no ratio there.
 */
export class LogReturn {
  private prev = Number.NaN;

  /** Feeds the next close and returns the log return into it, or `undefined` for the first one. */
  update(close: number): number | undefined {
    const prev = this.prev;
    this.prev = close;
    if (Number.isNaN(prev) || prev === 0) return undefined;
    return Math.log(close / prev);
  }

  /** Forgets the previous close. */
  reset(): void {
    this.prev = Number.NaN;
  }
}
