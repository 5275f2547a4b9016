/** Basis points: 1 bps = 0.0001 = 0.01 %. Branded so a fraction is never passed where bps are expected. */
export type Bps = number & { readonly __unit: 'bps' };
/** A dimensionless fraction: 0.12 means 12 %. */
export type Fraction = number & { readonly __unit: 'fraction' };
/** A price in quote currency (USDT for every shipped symbol). */
export type Price = number & { readonly __unit: 'price' };

/** Returns `value` as basis points. Thrown when `value` is not finite. */
export function bps(value: number): Bps {
  assertFinite(value, 'bps');
  return value as Bps;
}

/** Returns `value` as a fraction. Thrown when `value` is not finite. */
export function fraction(value: number): Fraction {
  assertFinite(value, 'fraction');
  return value as Fraction;
}

/** Returns `value` as a price. Thrown when `value` is not a finite number > 0. */
export function price(value: number): Price {
  assertFinite(value, 'price');
  if (value <= 0) throw new RangeError(`price must be > 0, got ${value}`);
  return value as Price;
}

/** Converts a fraction to basis points (× 10,000). */
export function fractionToBps(value: Fraction | number): Bps {
  return bps(value * 10_000);
}

/** Converts basis points to a fraction (÷ 10,000). */
export function bpsToFraction(value: Bps | number): Fraction {
  return fraction(value / 10_000);
}

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}`);
}
