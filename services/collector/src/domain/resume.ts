/**
 * Returns where a stream resumes, in ms UTC: the first instant after the last event already stored
 * (`lastStoredMs + 1`, so a source's inclusive `since` returns only newer rows), never before the requested
 * start; the requested start when nothing is stored yet. Returns undefined when the stored data already
 * reaches `toMs` (nothing left to fetch).
 */
export function resumeFromMs(
  lastStoredMs: number | undefined,
  fromMs: number,
  toMs: number,
): number | undefined {
  const start = lastStoredMs === undefined ? fromMs : Math.max(fromMs, lastStoredMs + 1);
  return start > toMs ? undefined : start;
}

/** Returns the share of [fromMs, toMs] covered up to `atMs`, in [0, 1] (for progress and ETA). */
export function coveredFraction(atMs: number, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 1;
  return Math.min(1, Math.max(0, (atMs - fromMs) / (toMs - fromMs)));
}
