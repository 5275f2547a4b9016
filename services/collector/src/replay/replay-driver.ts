import { referencePrefixLength } from '../domain/replay-order.js';
import { type IngestContext, ingestBatch } from '../handlers/ingest-batch.js';
import { REPLAY_SOURCE } from './file-items.js';
import type { ReplaySlice } from './replay-slices.js';

/** What a replay run did. */
export interface ReplayReport {
  readonly slices: number;
  readonly events: number;
  readonly rejected: number;
}

/** How a host drives a replay in lockstep with its consumers. */
export interface ReplayDriverOptions {
  readonly slices: AsyncIterable<ReplaySlice>;
  readonly ingest: IngestContext;
  /** Runs before a slice is handled: the embedded host moves its ManualClock to `slice.untilMs` here. */
  readonly beforeSlice?: (slice: ReplaySlice) => void | Promise<void>;
  /**
   * Runs after each published phase of a slice: `reference` (everything up to the BTC 1h bars) and `slice`
   * (the other 1h bars). The embedded host awaits `InProcessBus.idle()` here (and advances its scheduler
   * after `slice`), so consumers see the reference bar before any other bar of the hour.
   */
  readonly afterPhase?: (slice: ReplaySlice, phase: 'reference' | 'slice') => Promise<void>;
}

/**
 * Publishes (and, when the ingest context has a store, writes) a replay slice by slice, in two phases per
 * slice, calling the host's hooks in between. Returns the totals.
 * Thrown when publishing, writing or a hook fails; the replay stops there.
 */
export async function driveReplay(options: ReplayDriverOptions): Promise<ReplayReport> {
  let slices = 0;
  let events = 0;
  let rejected = 0;
  for await (const slice of options.slices) {
    await options.beforeSlice?.(slice);
    const split = referencePrefixLength(slice.events);
    const reference = slice.events.slice(0, split);
    const rest = slice.events.slice(split);
    await ingestBatch(
      { source: REPLAY_SOURCE, label: 'slice', events: reference, rejected: slice.rejected },
      options.ingest,
    );
    if (rest.length > 0) {
      await options.afterPhase?.(slice, 'reference');
      await ingestBatch(
        { source: REPLAY_SOURCE, label: 'slice', events: rest, rejected: [] },
        options.ingest,
      );
    }
    await options.afterPhase?.(slice, 'slice');
    slices += 1;
    events += slice.events.length;
    rejected += slice.rejected.length;
  }
  return { slices, events, rejected };
}
