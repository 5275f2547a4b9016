/** Direction of a position. A long profits when price rises, a short when it falls. */
export type Side = 'long' | 'short';

/** All sides, in a stable order. */
export const SIDES: readonly Side[] = ['long', 'short'];

/** Returns +1 for a long and -1 for a short: the sign applied to a price return to get the position's return. */
export function sideSign(side: Side): 1 | -1 {
  return side === 'long' ? 1 : -1;
}

/** Returns `value` as a Side. Thrown when `value` is neither 'long' nor 'short'. */
export function parseSide(value: string): Side {
  if (value === 'long' || value === 'short') return value;
  throw new RangeError(`side must be 'long' or 'short', got '${value}'`);
}
