import type { EventBus, Subscription } from '@cryptosignal/bus';
import { type CalibrationLookup, LatestCalibrationTable } from '@cryptosignal/calibration';
import { type CalibrationTablePublished, TOPICS, type TopicSpec } from '@cryptosignal/contracts';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { CALIBRATION_SCOPE } from '../settings.js';
import type { CalibrationTableReader } from './calibration-table-reader.js';

/** Options of `subscribeCalibrationLookup`. */
export interface CalibrationLookupOptions {
  readonly bus: EventBus;
  /**
   * Consumer group: unique per consuming process (e.g. `pipeline.calibration.<instance>`), so every process
   * reads every table; a new group starts from the beginning of the compacted topic, i.e. the latest table.
   */
  readonly groupId: string;
  readonly reader: CalibrationTableReader;
  /** The topic (default `config.calibration`; tests pass a renamed one). */
  readonly topic?: TopicSpec<CalibrationTablePublished>;
  /** The scope followed (default `global`); events of other scopes are skipped. */
  readonly scope?: string;
  /** Called after a table became current. */
  readonly onTable?: (version: string) => void;
}

/** A running lookup: the port to read through, and how to stop following the topic. */
export interface RunningCalibrationLookup {
  readonly lookup: CalibrationLookup;
  readonly subscription: Subscription;
}

/**
 * Follows `config.calibration` and keeps the newest table as the current one of the returned lookup (the
 * pipeline's port): on each event of the scope it resolves the version to its full table (cache, then store)
 * and offers it to a `LatestCalibrationTable`, so a table older than the current one never replaces it (an
 * event older than the current table is skipped unread). The same code runs in embedded mode (in-process bus,
 * in-memory cache, PGlite) and distributed mode (Kafka, Redis, PostgreSQL). Before the first table the lookup
 * answers the bootstrap map.
 * The calibrator stores a version before it publishes it, so a version found neither in the cache nor in the
 * store can never be resolved: the handler throws InvalidMessageError (`DATA_INVALID`), the bus moves the
 * event to the DLQ, and the lookup keeps its current table.
 */
export async function subscribeCalibrationLookup(
  options: CalibrationLookupOptions,
): Promise<RunningCalibrationLookup> {
  const scope = options.scope ?? CALIBRATION_SCOPE;
  const latest = new LatestCalibrationTable();
  const subscription = await options.bus.subscribe(options.topic ?? TOPICS.configCalibration, {
    groupId: options.groupId,
    handler: async (event) => {
      const current = latest.current();
      if (event.scope !== scope || current?.version === event.version) return;
      if (current !== null && (event.meta?.tsEventMs ?? 0) < current.asOfMs) return;
      const table = await options.reader.read(event.scope, event.version);
      if (table === null)
        throw new InvalidMessageError(
          'DATA_INVALID',
          `calibration version ${event.version} (${event.scope}) is neither cached nor stored`,
        );
      if (latest.offer(table)) options.onTable?.(table.version);
    },
  });
  return { lookup: latest, subscription };
}
