import { EIGHT_HOURS_MS, type Side } from '@cryptosignal/domain';

/** One recorded funding event (UTC ms; rate as a fraction per funding interval). */
export interface FundingEvent {
  readonly timeMs: number;
  readonly rate: number;
}

/** Where a trade's funding came from: recorded history, or the configured assumed rate. */
export type FundingSource = 'history' | 'assumed';

/** Funding charged over a holding period. `costBps` > 0 means the position paid. */
export interface FundingCharge {
  readonly costBps: number;
  readonly events: number;
  readonly source: FundingSource;
}

/** Largest spacing between consecutive recorded events still read as continuous history (8h + 1 min slack). */
const MAX_SPACING_MS = EIGHT_HOURS_MS + 60_000;

/**
 * Returns the funding a position pays over (entryMs, exitMs].
 *
 * Sign: with a positive rate the long pays notional × rate and the short receives it (Binance USD-M rule), so
 * costBps = Σ sideSign × rate × 10,000 with sideSign +1 for a long and −1 for a short.
 * Source: recorded history when the events (sorted ascending) cover the whole period without a hole — an
 * event at or before entry within 8h + 1 min, consecutive events no further apart, and the last event no more
 * than that before the exit. Otherwise the period is charged at `assumedRatePer8h` on Binance's 00/08/16 UTC
 * schedule and flagged `assumed`; a missing history is never charged as a silent zero.
 */
export function chargeFunding(
  side: Side,
  entryMs: number,
  exitMs: number,
  history: readonly FundingEvent[],
  assumedRatePer8h: number,
): FundingCharge {
  const sign = side === 'long' ? 1 : -1;
  const covered = coveringEvents(history, entryMs, exitMs);
  if (covered) {
    const costBps = covered.reduce((sum, e) => sum + sign * e.rate * 10_000, 0);
    return { costBps, events: covered.length, source: 'history' };
  }
  const first = Math.floor(entryMs / EIGHT_HOURS_MS) * EIGHT_HOURS_MS + EIGHT_HOURS_MS;
  const events = first <= exitMs ? Math.floor((exitMs - first) / EIGHT_HOURS_MS) + 1 : 0;
  return { costBps: events * sign * assumedRatePer8h * 10_000, events, source: 'assumed' };
}

/** Returns the events in (entryMs, exitMs] when history covers the period continuously, else undefined. */
function coveringEvents(
  history: readonly FundingEvent[],
  entryMs: number,
  exitMs: number,
): FundingEvent[] | undefined {
  let prevMs: number | undefined;
  const inside: FundingEvent[] = [];
  for (const e of history) {
    if (e.timeMs <= entryMs) {
      prevMs = e.timeMs;
      continue;
    }
    if (e.timeMs > exitMs) break;
    if (prevMs === undefined || e.timeMs - prevMs > MAX_SPACING_MS) return undefined;
    inside.push(e);
    prevMs = e.timeMs;
  }
  if (prevMs === undefined || entryMs - prevMs > MAX_SPACING_MS) return undefined;
  return exitMs - prevMs <= MAX_SPACING_MS ? inside : undefined;
}
