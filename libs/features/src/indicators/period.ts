/**
 * Returns `period` when it is an integer in [`min`, 100000] (TA-Lib's accepted range).
 * Thrown (RangeError) otherwise, naming `what`.
 */
export function checkPeriod(period: number, what: string, min = 2): number {
  if (!Number.isInteger(period) || period < min || period > 100_000) {
    throw new RangeError(`${what} must be an integer in [${min}, 100000], got ${period}`);
  }
  return period;
}
