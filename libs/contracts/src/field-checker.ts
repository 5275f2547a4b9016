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
    if (value <= 0 || !Object.values(members).includes(value))
      this.fail(field, `has no valid value (${value})`);
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
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.fail(path || '(root)', `must be finite (got ${value})`);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) this.allFinite(item, `${path}[${i}]`);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) this.allFinite(item, path ? `${path}.${key}` : key);
    }
  }
}
