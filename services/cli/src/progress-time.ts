/**
 * Formats a duration for the progress bars' ETA and elapsed fields: `1h05m`, `2m05s`, `45s`.
 *
 * The value is rounded to a multiple of `roundToS` seconds BEFORE it is split into units, so a carry moves into
 * the larger unit (119.9 s rounded to 5 s is `2m00s`, never `1m60s`). Matches the `formatTime(t, options,
 * roundToMultipleOf)` hook of cli-progress 3 (options.formatTime); `t` is in seconds, non-finite or negative
 * values (an ETA not yet known) print as `--`.
 */
export function formatProgressTime(t: number, _options?: unknown, roundToS?: number): string {
  if (!Number.isFinite(t) || t < 0) return '--';
  const step = roundToS && roundToS > 0 ? roundToS : 1;
  const s = step * Math.round(t / step);
  const pad = (v: number) => String(v).padStart(2, '0');
  if (s >= 3600) return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  return `${s}s`;
}
