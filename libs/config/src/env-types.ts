import { z } from 'zod';

/**
 * Schema builders for single environment variables. Each takes `expected`, a short phrase saying what a
 * valid value looks like ("a postgres:// URL"); `loadConfig` prints it next to the variable's name when
 * the value is missing or wrong. Values arrive as strings and are coerced here, strictly: `"12abc"` is
 * not a number and `"maybe"` is not a boolean.
 */

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** Returns a schema for a non-empty string. */
export function envString(expected: string) {
  return z.string().trim().min(1).describe(expected);
}

/** Returns a schema for a string matching `pattern` in full (anchor the pattern). */
export function envMatching(pattern: RegExp, expected: string) {
  return z.string().trim().regex(pattern, `does not match ${pattern}`).describe(expected);
}

/** Returns a schema for one of `values`, matched exactly. */
export function envEnum<const T extends readonly [string, ...string[]]>(values: T, expected: string) {
  return z.enum(values).describe(expected);
}

/**
 * Returns a schema for a base-10 integer in [min, max] written as a string (`"5432"`); yields a number.
 */
export function envInt(range: { min: number; max: number }, expected: string) {
  const integerText = (v: unknown) => (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : v);
  return z.preprocess(integerText, z.number().int().min(range.min).max(range.max)).describe(expected);
}

/** Returns a schema for a finite decimal number in [min, max] written as a string (`"0.25"`); yields a number. */
export function envNumber(range: { min: number; max: number }, expected: string) {
  const numberText = (v: unknown) =>
    typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : v;
  return z.preprocess(numberText, z.number().min(range.min).max(range.max)).describe(expected);
}

/** Returns a schema for a boolean written as true/false, 1/0, yes/no or on/off (any case); yields a boolean. */
export function envBool(expected: string) {
  const booleanText = (v: unknown) => {
    if (typeof v !== 'string') return v;
    const word = v.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    return FALSE_WORDS.has(word) ? false : v;
  };
  return z.preprocess(booleanText, z.boolean()).describe(expected);
}

/**
 * Returns a schema for an absolute URL whose scheme is one of `protocols` (`['postgres:', 'postgresql:']`);
 * yields the URL string unchanged.
 */
export function envUrl(protocols: readonly string[], expected: string) {
  return z
    .string()
    .trim()
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
      message: `not a ${protocols.map((p) => `${p}//`).join(' or ')} URL`,
    })
    .describe(expected);
}

/**
 * Returns a schema for a comma-separated list (`"a:9092, b:9092"`) whose items each match `item`;
 * yields the trimmed, non-empty items.
 */
export function envList(item: RegExp, expected: string) {
  const split = (v: unknown) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
      : v;
  return z.preprocess(split, z.array(z.string().regex(item)).min(1)).describe(expected);
}
