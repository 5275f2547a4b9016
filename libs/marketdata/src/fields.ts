import type { ProblemKind, RowProblem } from './types.js';

/** A field that could not be read; caught by the row parser and turned into a problem record. */
export class FieldError extends Error implements RowProblem {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Returns the finite number in `text`. Thrown (FieldError `nan`) when it is empty or not a finite number. */
export function requiredNumber(text: string | undefined, name: string): number {
  if (text === undefined || text === '') throw new FieldError('nan', `${name} is empty`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new FieldError('nan', `${name} is not a finite number: '${text}'`);
  return value;
}

/** Returns the number in `text`, or undefined when the field is empty (never 0). Thrown (FieldError) when not finite. */
export function optionalNumber(text: string | undefined, name: string): number | undefined {
  return text === undefined || text === '' ? undefined : requiredNumber(text, name);
}

/** Returns the safe integer in `text` (e.g. epoch ms). Thrown (FieldError `nan`) when empty or not an integer. */
export function requiredInteger(text: string | undefined, name: string): number {
  const value = requiredNumber(text, name);
  if (!Number.isSafeInteger(value)) throw new FieldError('nan', `${name} is not an integer: '${text}'`);
  return value;
}

/** Returns the integer in `text`, or undefined when empty. Thrown (FieldError `nan`) when not an integer. */
export function optionalInteger(text: string | undefined, name: string): number | undefined {
  return text === undefined || text === '' ? undefined : requiredInteger(text, name);
}

/** Returns `text` when it is one of `allowed`. Thrown (FieldError `unparseable`) otherwise. */
export function oneOf<T extends string>(text: string | undefined, allowed: readonly T[], name: string): T {
  if (text !== undefined && (allowed as readonly string[]).includes(text)) return text as T;
  throw new FieldError('unparseable', `${name} must be one of ${allowed.join('|')}, got '${text ?? ''}'`);
}

/** Returns the problem carried by `error` when it is a FieldError; rethrows anything else (a bug, not bad data). */
export function asRowProblem(error: unknown): RowProblem {
  if (error instanceof FieldError) return { kind: error.kind, detail: error.detail };
  throw error;
}
