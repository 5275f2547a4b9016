import { DAY_MS, HOUR_MS, parseUtc } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';
import { InvalidArgumentError } from 'commander';

/** A `--from` value: a UTC time, or a span before the end of the export (`-120d`, `-36h`). */
export type WindowStart = { readonly atMs: number } | { readonly beforeMs: number };

const RELATIVE = /^-(\d{1,5})([dh])$/;

/**
 * Parses `--from`: `YYYY-MM-DD` or ISO-8601 (UTC), or `-<N>d` / `-<N>h` (N days or hours before the end of
 * the export). Commander reports a bad value (InvalidArgumentError).
 */
export function parseWindowStart(text: string): WindowStart {
  const relative = RELATIVE.exec(text.trim());
  if (relative) {
    const count = Number(relative[1]);
    if (count < 1) throw new InvalidArgumentError('expected a span of at least 1 (e.g. -120d)');
    return { beforeMs: count * (relative[2] === 'd' ? DAY_MS : HOUR_MS) };
  }
  try {
    return { atMs: parseUtc(text) };
  } catch {
    throw new InvalidArgumentError('expected YYYY-MM-DD, an ISO-8601 time or a span such as -120d');
  }
}

/** The open-time range of an export, ms UTC, [fromMs, toMs); an absent bound is unbounded. */
export interface ExportWindow {
  readonly fromMs?: number;
  readonly toMs?: number;
}

/**
 * Returns the export's range: `to` as given; a relative `from` counts back from `to`, or, without `to`, from the
 * start of the current hour of `nowMs` (which then also becomes the end, so the last row is a closed bar).
 * Thrown (ConfigError, exit 2) when the range is empty.
 */
export function exportWindow(
  from: WindowStart | undefined,
  to: number | undefined,
  nowMs: number,
): ExportWindow {
  if (from === undefined) return to === undefined ? {} : { toMs: to };
  const endMs = to ?? Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const fromMs = 'atMs' in from ? from.atMs : endMs - from.beforeMs;
  if ('atMs' in from && to === undefined) return { fromMs };
  if (!(fromMs < endMs)) throw new ConfigError('--from must be before --to');
  return { fromMs, toMs: endMs };
}
