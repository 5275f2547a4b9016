import type { Clock } from '@cryptosignal/runtime';

/** A recurring job. `dueMs` is the schedule slot it runs for (UTC ms), not the time it actually started. */
export type ScheduledJob = (dueMs: number) => Promise<void>;

/**
 * Runs recurring jobs (weekly recalibration, daily calibration check, weekly gate update, monthly report).
 * Slots are aligned to the Unix epoch, UTC: a job with period P and offset O runs at every k·P + O.
 * Implementations: `EventTimeScheduler` (backtests and replays: driven by the event clock) and
 * `WallTimeScheduler` (production: driven by timers).
 */
export interface Scheduler {
  /**
   * Registers `job` to run at every slot k·periodMs + offsetMs after the scheduler's current time.
   * Thrown (RangeError) when periodMs ≤ 0, offsetMs is outside [0, periodMs), or the name is taken.
   */
  every(name: string, periodMs: number, job: ScheduledJob, offsetMs?: number): void;
}

interface Entry {
  readonly name: string;
  readonly periodMs: number;
  readonly offsetMs: number;
  readonly job: ScheduledJob;
  nextDueMs: number;
}

/** Returns the first slot strictly after `afterMs`. */
function nextSlot(afterMs: number, periodMs: number, offsetMs: number): number {
  return Math.floor((afterMs - offsetMs) / periodMs) * periodMs + offsetMs + periodMs;
}

function validate(entries: Map<string, Entry>, name: string, periodMs: number, offsetMs: number): void {
  if (!(periodMs > 0)) throw new RangeError(`schedule ${name}: period must be > 0 ms, got ${periodMs}`);
  if (!(offsetMs >= 0 && offsetMs < periodMs))
    throw new RangeError(`schedule ${name}: offset must be in [0, period)`);
  if (entries.has(name)) throw new RangeError(`schedule ${name} is already registered`);
}

/**
 * Event-time scheduler for backtests: nothing runs until `advanceTo(t)` is called, which runs every slot
 * due at or before t, in due-time order (ties in registration order), awaiting each job — so a weekly
 * recalibration at slot s sees exactly the events processed before the replay passed s.
 */
export class EventTimeScheduler implements Scheduler {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  every(name: string, periodMs: number, job: ScheduledJob, offsetMs = 0): void {
    validate(this.entries, name, periodMs, offsetMs);
    this.entries.set(name, {
      name,
      periodMs,
      offsetMs,
      job,
      nextDueMs: nextSlot(this.clock.nowMs(), periodMs, offsetMs),
    });
  }

  /** Returns the earliest slot not run yet (ms UTC), or undefined when no job is registered. */
  nextDueMs(): number | undefined {
    let next: number | undefined;
    for (const e of this.entries.values()) if (next === undefined || e.nextDueMs < next) next = e.nextDueMs;
    return next;
  }

  /** Runs every job slot due at or before `timeMs` and returns how many ran. */
  async advanceTo(timeMs: number): Promise<number> {
    let ran = 0;
    for (;;) {
      let next: Entry | undefined;
      for (const e of this.entries.values())
        if (e.nextDueMs <= timeMs && (!next || e.nextDueMs < next.nextDueMs)) next = e;
      if (!next) return ran;
      const due = next.nextDueMs;
      next.nextDueMs = due + next.periodMs;
      await next.job(due);
      ran += 1;
    }
  }
}

/**
 * Wall-time scheduler for production: one timer per job, re-armed after each run, so a slow job never
 * overlaps itself. `onError` receives a job's failure (the job runs again at its next slot).
 */
export class WallTimeScheduler implements Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (name: string, error: unknown) => void,
  ) {}

  every(name: string, periodMs: number, job: ScheduledJob, offsetMs = 0): void {
    validate(this.entries, name, periodMs, offsetMs);
    const entry: Entry = {
      name,
      periodMs,
      offsetMs,
      job,
      nextDueMs: nextSlot(this.clock.nowMs(), periodMs, offsetMs),
    };
    this.entries.set(name, entry);
    this.arm(entry);
  }

  /** Cancels every pending run; a job already running finishes. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private arm(entry: Entry): void {
    if (this.stopped) return;
    const timer = setTimeout(
      async () => {
        this.timers.delete(timer);
        const due = entry.nextDueMs;
        try {
          await entry.job(due);
        } catch (error) {
          this.onError(entry.name, error);
        }
        entry.nextDueMs = nextSlot(Math.max(due, this.clock.nowMs()), entry.periodMs, entry.offsetMs);
        this.arm(entry);
      },
      Math.max(0, entry.nextDueMs - this.clock.nowMs()),
    );
    timer.unref();
    this.timers.add(timer);
  }
}
