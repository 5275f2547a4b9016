import { KIND_SPECS, klineMarket } from '@cryptosignal/marketdata';
import { eventTimeMs, type MarketEvent, type QuarantinedRow } from '../domain/market-event.js';
import { compareInSlice, sliceEndMs } from '../domain/replay-order.js';
import { fileItemChunks, type ItemOrigin, type ReplayItem } from './file-items.js';
import { ItemCursor } from './item-cursor.js';
import { mergeDuplicateBars } from './merge-bars.js';
import { listReplayFiles, type ReplayFile, type ReplayFileFilter } from './replay-files.js';

/**
 * One hour of the replay: everything that became known in [untilMs − 1h, untilMs), ordered for publishing
 * (see `compareInSlice`: 1m bars, trades, books, funding and open interest by event time, then the 1h bars
 * closing at `untilMs`, BTC first), and the rows of that stretch that were rejected.
 */
export interface ReplaySlice {
  readonly untilMs: number;
  readonly events: readonly MarketEvent[];
  readonly rejected: readonly QuarantinedRow[];
}

/** What to replay and how fast. */
export interface ReplayOptions extends ReplayFileFilter {
  /** The data directory (`<kind>/<SYMBOL>.csv[.gz]`). */
  readonly dataDir: string;
  /** Only events with event time in [fromMs, toMs) are yielded (rejected rows of that stretch too). */
  readonly fromMs?: number;
  readonly toMs?: number;
  /**
   * Replay speed: 0 (default) as fast as possible; N > 0 waits (next slice end − this slice end) / N ms of
   * wall time between slices, i.e. N× real time.
   */
  readonly speed?: number;
  /** Waits `ms` of wall time (injectable for tests); defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Replays recorded files as an async iterator of 1h time slices in event-time order (a k-way merge of the
 * files, each checked row by row). Hours without any data are skipped. Lets an embedded host publish a slice,
 * wait for the bus to go idle, then take the next: that lockstep keeps backtests deterministic.
 * Thrown (ConfigError) when the file filter names an unknown kind or a file is misnamed.
 */
export async function* replaySlices(options: ReplayOptions): AsyncGenerator<ReplaySlice> {
  const files = await listReplayFiles(options.dataDir, options);
  yield* replayFileSlices(files, options);
}

/** Replays the given files; see `replaySlices`. */
export async function* replayFileSlices(
  files: readonly ReplayFile[],
  options: Omit<ReplayOptions, 'dataDir'> = {},
): AsyncGenerator<ReplaySlice> {
  const cursors = files.map((file) => new ItemCursor(fileItemChunks(file)));
  const fromMs = options.fromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = options.toMs ?? Number.POSITIVE_INFINITY;
  const pace = pacer(options);
  const merge = holdsSharedSeries(files);
  try {
    for (;;) {
      const untilMs = await nextSliceEnd(cursors);
      if (untilMs === undefined || untilMs - 3_600_000 >= toMs) return;
      const items: ReplayItem[] = [];
      for (const cursor of cursors) await cursor.takeBefore(untilMs, items);
      const slice = buildSlice(untilMs, items, { fromMs, toMs, merge });
      if (slice.events.length === 0 && slice.rejected.length === 0) continue;
      await pace(untilMs);
      yield slice;
    }
  } finally {
    await Promise.all(cursors.map((c) => c.close()));
  }
}

async function nextSliceEnd(cursors: readonly ItemCursor[]): Promise<number | undefined> {
  let earliest: number | undefined;
  for (const cursor of cursors) {
    const head = cursor.readyTimeMs() ?? (await cursor.peekTimeMs());
    if (head !== undefined && (earliest === undefined || head < earliest)) earliest = head;
  }
  return earliest === undefined ? undefined : sliceEndMs(earliest);
}

/** Returns true when two files hold bars of the same series (then a slice may see a bar twice). */
function holdsSharedSeries(files: readonly ReplayFile[]): boolean {
  const series = files.map(
    (f) => `${f.symbol}/${KIND_SPECS[f.kind].interval}/${klineMarket(f.kind, f.symbol)}`,
  );
  return new Set(series).size !== series.length;
}

function buildSlice(
  untilMs: number,
  items: readonly ReplayItem[],
  { fromMs, toMs, merge }: { fromMs: number; toMs: number; merge: boolean },
): ReplaySlice {
  const inRange = (t: number) => t >= fromMs && t < toMs;
  const events: { event: MarketEvent; origin?: ItemOrigin }[] = [];
  const rejected: QuarantinedRow[] = [];
  for (const item of items) {
    if (item.event && inRange(eventTimeMs(item.event)))
      events.push(item.origin ? { event: item.event, origin: item.origin } : { event: item.event });
    else if (item.rejected && inRange(item.rejected.eventTimeMs ?? item.sortTimeMs))
      rejected.push(item.rejected);
  }
  const merged = merge ? mergeDuplicateBars(events) : { events: events.map((e) => e.event), conflicts: [] };
  merged.events.sort(compareInSlice);
  return { untilMs, events: merged.events, rejected: [...rejected, ...merged.conflicts] };
}

function pacer(options: Pick<ReplayOptions, 'speed' | 'sleep'>): (untilMs: number) => Promise<void> {
  const speed = options.speed ?? 0;
  const sleep = options.sleep ?? timerSleep;
  let previousMs: number | undefined;
  return async (untilMs) => {
    if (speed > 0 && previousMs !== undefined) await sleep((untilMs - previousMs) / speed);
    previousMs = untilMs;
  };
}
