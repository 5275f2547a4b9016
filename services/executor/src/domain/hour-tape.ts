import { HOUR_MS, type MarketKind, MINUTE_MS } from '@cryptosignal/domain';
import type { PathBar } from './bar.js';
import type { FundingLedger } from './funding-ledger.js';

/**
 * Which bars an hour was followed on: `1m` (all 60 minute bars), `1h` (the hour bar), or `1m_partial`
 * (no hour bar, only some minute bars: the real prices there are, in order).
 */
export type PathSource = '1m' | '1h' | '1m_partial';

/** One hour ready to advance positions on: its start (UTC ms) and its price path, bars in time order. */
export interface SealedHour {
  readonly hourMs: number;
  readonly path: readonly PathBar[];
  readonly source: PathSource;
  /** Minute bars received for the hour (0–60): tells whether the 1m stream was running. */
  readonly minuteCount: number;
}

interface MarketBar {
  readonly bar: PathBar;
  readonly market: MarketKind;
}

interface HourBucket {
  hourBar: MarketBar | undefined;
  readonly minutes: Map<number, MarketBar>;
}

const MINUTES_PER_HOUR = HOUR_MS / MINUTE_MS;

/** Returns the start of the UTC hour holding `timeMs`. */
export function hourStartMs(timeMs: number): number {
  return Math.floor(timeMs / HOUR_MS) * HOUR_MS;
}

/** Keeps `incoming` over `kept` unless `kept` is a perp bar and `incoming` a spot one: perps are traded. */
function preferred(kept: MarketBar | undefined, incoming: MarketBar): MarketBar {
  return kept && kept.market === 'perp' && incoming.market === 'spot' ? kept : incoming;
}

/**
 * The bars of one symbol, hour by hour, and when each hour may be settled ("sealed"). Hours are sealed in
 * order. An hour is ready once its data is complete:
 * - it has its 1h bar or all 60 minute bars;
 * - if the previous hour had minute bars (the 1m stream is running), all 60 of this hour's are in;
 * - if a funding falls due inside it (see FundingLedger.awaitedIn), that funding is in.
 * Any bar or funding of a LATER hour seals it as it is: a replay publishes hour by hour and waits for the bus
 * to go idle between hours, so by then everything of the hour has been handled. Bars of an hour already sealed
 * are ignored. The sealed hours of the last `historyHours` hours are kept, so a signal that arrives after its
 * entry bar is followed from that bar as if it had arrived in time.
 */
export class HourTape {
  private readonly pending = new Map<number, HourBucket>();
  private sealed: SealedHour[] = [];
  private lastSealedMs: number | undefined;
  private coveredFrom: number | undefined;
  private latestSeenHourMs = Number.NEGATIVE_INFINITY;

  /** Thrown (RangeError) when historyHours is not an integer ≥ 2. */
  constructor(private readonly historyHours: number) {
    if (!(Number.isInteger(historyHours) && historyHours >= 2))
      throw new RangeError(`historyHours must be an integer >= 2, got ${historyHours}`);
  }

  /** Start of the last sealed hour (UTC ms), or undefined before the first. */
  get lastSealedHourMs(): number | undefined {
    return this.lastSealedMs;
  }

  /** The hour from which every sealed hour is still kept (UTC ms), or undefined before the first seal. */
  get coveredFromMs(): number | undefined {
    return this.coveredFrom;
  }

  /** Adds the 1h bar opening at `bar.openTime` (hour-aligned). Returns false when its hour is already sealed. */
  addHourBar(bar: PathBar, market: MarketKind): boolean {
    const bucket = this.bucketFor(bar.openTime);
    if (!bucket) return false;
    bucket.hourBar = preferred(bucket.hourBar, { bar, market });
    return true;
  }

  /** Adds a 1m bar (minute-aligned). Returns false when its hour is already sealed. */
  addMinuteBar(bar: PathBar, market: MarketKind): boolean {
    const bucket = this.bucketFor(bar.openTime);
    if (!bucket) return false;
    bucket.minutes.set(bar.openTime, preferred(bucket.minutes.get(bar.openTime), { bar, market }));
    return true;
  }

  /** Records that something of the symbol stamped `timeMs` arrived (a funding): it seals earlier hours. */
  notice(timeMs: number): void {
    this.latestSeenHourMs = Math.max(this.latestSeenHourMs, hourStartMs(timeMs));
  }

  /** Returns the hours ready to seal now, in order, without sealing them (see `commit`). */
  readyHours(funding: FundingLedger): SealedHour[] {
    const ready: SealedHour[] = [];
    let previous = this.sealed.at(-1);
    for (const hourMs of [...this.pending.keys()].sort((a, b) => a - b)) {
      const bucket = this.pending.get(hourMs)!;
      const prevMinutes = previous?.hourMs === hourMs - HOUR_MS ? previous.minuteCount : 0;
      const forced = this.latestSeenHourMs > hourMs;
      if (!forced && !isComplete(bucket, hourMs, prevMinutes, funding)) break;
      const hour = sealOf(hourMs, bucket);
      ready.push(hour);
      previous = hour;
    }
    return ready;
  }

  /** Marks `hours` (from `readyHours`) sealed and forgets sealed hours older than the history window. */
  commit(hours: readonly SealedHour[]): void {
    for (const hour of hours) {
      this.pending.delete(hour.hourMs);
      this.sealed.push(hour);
      this.lastSealedMs = hour.hourMs;
      this.coveredFrom ??= hour.hourMs;
    }
    if (this.lastSealedMs === undefined) return;
    const keepFromMs = this.lastSealedMs - (this.historyHours - 1) * HOUR_MS;
    if (this.coveredFrom !== undefined && this.coveredFrom < keepFromMs) {
      this.sealed = this.sealed.filter((h) => h.hourMs >= keepFromMs);
      this.coveredFrom = keepFromMs;
    }
  }

  /** Returns the kept sealed hours starting at or after `fromMs`, in order. */
  sealedFrom(fromMs: number): readonly SealedHour[] {
    return this.sealed.filter((h) => h.hourMs >= fromMs);
  }

  private bucketFor(timeMs: number): HourBucket | undefined {
    const hourMs = hourStartMs(timeMs);
    this.latestSeenHourMs = Math.max(this.latestSeenHourMs, hourMs);
    if (this.lastSealedMs !== undefined && hourMs <= this.lastSealedMs) return undefined;
    let bucket = this.pending.get(hourMs);
    if (!bucket) {
      bucket = { hourBar: undefined, minutes: new Map() };
      this.pending.set(hourMs, bucket);
    }
    return bucket;
  }
}

function isComplete(
  bucket: HourBucket,
  hourMs: number,
  prevMinutes: number,
  funding: FundingLedger,
): boolean {
  const minutesFull = bucket.minutes.size >= MINUTES_PER_HOUR;
  if (!minutesFull && (bucket.hourBar === undefined || prevMinutes > 0)) return false;
  return !funding.awaitedIn(hourMs);
}

function sealOf(hourMs: number, bucket: HourBucket): SealedHour {
  const minutes = [...bucket.minutes.values()].map((m) => m.bar).sort((a, b) => a.openTime - b.openTime);
  const minuteCount = minutes.length;
  if (minuteCount >= MINUTES_PER_HOUR) return { hourMs, path: minutes, source: '1m', minuteCount };
  if (bucket.hourBar) return { hourMs, path: [bucket.hourBar.bar], source: '1h', minuteCount };
  return { hourMs, path: minutes, source: '1m_partial', minuteCount };
}
