import { ContractError } from './contract-error.js';

/**
 * Checks required fields of a decoded message for one topic. Every method throws a ContractError with code
 * `CONTRACT_VALIDATION_FAILED` whose message names the topic and the field path (camelCase, as in the generated
 * types, e.g. `meta.eventId`).
 */
export class FieldChecker {
  constructor(readonly topic: string) {}

  /** Throws the validation error for `field`. */
  fail(field: string, problem: string): never {
    throw new ContractError(
      'CONTRACT_VALIDATION_FAILED',
      this.topic,
      field,
      `${this.topic}: ${field} ${problem}`,
    );
  }

  /** Returns `value`. Thrown when it is undefined (an absent message field). */
  present<T>(value: T | undefined, field: string): T {
    if (value === undefined) this.fail(field, 'is required');
    return value;
  }

  /** Thrown when the string is empty or absent. */
  nonEmpty(value: string | undefined, field: string): void {
    if (value === undefined || value.length === 0) this.fail(field, 'is required (empty)');
  }

  /** Thrown when `value` is UNSPECIFIED (0), UNRECOGNIZED (-1) or not a member of the enum object `members`. */
  enumMember(value: number, members: object, field: string): void {
    if (value <= 0 || !enumValues(members).has(value)) this.fail(field, `has no valid value (${value})`);
  }

  /** Thrown when `value` is not > 0 (times in ms, prices). */
  positive(value: number, field: string): void {
    if (!(value > 0)) this.fail(field, `must be > 0 (got ${value})`);
  }

  /** Thrown when `value` is < 0 (volumes, counts, quantities). */
  nonNegative(value: number, field: string): void {
    if (!(value >= 0)) this.fail(field, `must be >= 0 (got ${value})`);
  }

  /** Thrown when `value` lies outside [lo, hi]. */
  inRange(value: number, lo: number, hi: number, field: string): void {
    if (!(value >= lo && value <= hi)) this.fail(field, `must be within [${lo}, ${hi}] (got ${value})`);
  }

  /** Thrown when any number anywhere in `value` is NaN or infinite; protobuf doubles can carry both. */
  allFinite(value: unknown, path = ''): void {
    // The walk allocates nothing on the way; the path of the first bad number is spelled out only on failure.
    const trail = firstNonFinite(value);
    if (trail === undefined) return;
    const field = trail.reduce<string>(
      (at, step) => (typeof step === 'number' ? `${at}[${step}]` : at ? `${at}.${step}` : step),
      path,
    );
    this.fail(field || '(root)', `must be finite (got ${trail.bad})`);
  }
}

/** The keys and indices from a value down to its first non-finite number, and that number. */
type Trail = (string | number)[] & { bad?: number };

/** Returns the trail to the first NaN or infinite number in `value` (depth first, key order), or undefined. */
function firstNonFinite(value: unknown): Trail | undefined {
  if (typeof value === 'number') return nonFiniteNumber(value);
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return firstNonFiniteItem(value);
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const trail = firstNonFinite((value as Record<string, unknown>)[key]);
    if (trail) return unshifted(trail, key);
  }
  return undefined;
}

/** Returns an empty trail holding `value` when it is NaN or infinite, else undefined. */
function nonFiniteNumber(value: number): Trail | undefined {
  if (Number.isFinite(value)) return undefined;
  const trail: Trail = [];
  trail.bad = value;
  return trail;
}

/** Returns the trail to the first non-finite number inside the array `items`, or undefined. */
function firstNonFiniteItem(items: readonly unknown[]): Trail | undefined {
  for (let i = 0; i < items.length; i += 1) {
    const trail = firstNonFinite(items[i]);
    if (trail) return unshifted(trail, i);
  }
  return undefined;
}

function unshifted(trail: Trail, step: string | number): Trail {
  trail.unshift(step);
  return trail;
}

const ENUM_VALUES = new WeakMap<object, ReadonlySet<unknown>>();

/** Returns the values of the enum object `members`, computed once per enum. */
function enumValues(members: object): ReadonlySet<unknown> {
  let values = ENUM_VALUES.get(members);
  if (!values) {
    values = new Set(Object.values(members));
    ENUM_VALUES.set(members, values);
  }
  return values;
}
