import type { RunningService, ServiceContext } from '@cryptosignal/host';
import { BatchingRecordSink } from './adapters/batching-record-sink.js';
import { PgRecordWriter } from './adapters/pg-record-writer.js';
import { ResilientSubscription } from './adapters/resilient-subscription.js';
import { WriteBehindRecordSink } from './adapters/write-behind-record-sink.js';
import type { RecorderConfig } from './config.js';
import { createRecorderMetrics } from './metrics.js';
import type { CommittedWrite, HandlerContext } from './ports.js';
import { recorderConsumers } from './topics.js';

/** Optional observers of a running recorder. */
export interface RecorderHooks {
  /** Called after each committed batch with its writes, each marked written or not (parked, refused, duplicate). */
  readonly onCommitted?: (writes: readonly CommittedWrite[]) => void;
  /**
   * Called once when a subscription fails with an error that is not retryable (an invariant violation, an
   * unclassified handler error): the process should exit and be restarted. A lost broker is not such a failure:
   * the subscription is made again with backoff.
   */
  readonly onFailure?: (error: unknown) => void;
}

/** The ports the recorder uses: a ServiceContext without the cache it has no use for. */
export type RecorderContext = Pick<
  ServiceContext,
  'bus' | 'store' | 'clock' | 'scheduler' | 'logger' | 'metrics'
>;

/** A running recorder. */
export interface RecorderService extends RunningService {
  /**
   * Resolves once every write acknowledged so far is committed: with `writeBehind`, writes the buffer (thrown as
   * InvalidMessageError when the database refused some rows, RetryableError when it stayed unreachable).
   */
  flush(): Promise<void>;
}

/** Name of the scheduled sweep of parked executions/results. */
export const PENDING_SWEEP_JOB = 'recorder.pending-sweep';

/**
 * Starts the recorder on `ctx`: one batching sink over the store, one resilient subscription per consumed topic
 * (group `<groupId>.<topic name>`: one group per topic, so that each subscription's consumer is assigned
 * partitions of its own topic only), and a periodic sweep of parked facts on `ctx.scheduler`. With
 * `config.writeBehind` the sink acknowledges writes once buffered and the host calls `flush()` before anything
 * reads the tables (see WriteBehindRecordSink). Expects the recorder's
 * migrations applied and its topics created. Resolves once every subscription joined its group.
 * Thrown when a subscription cannot start (the bus' error); subscriptions already started are stopped first.
 */
export async function startRecorder(
  ctx: RecorderContext,
  config: RecorderConfig,
  hooks: RecorderHooks = {},
): Promise<RecorderService> {
  const metrics = createRecorderMetrics(ctx.metrics);
  const durable = new BatchingRecordSink(
    new PgRecordWriter(ctx.store),
    { ...config, onCommitted: hooks.onCommitted },
    metrics,
  );
  const sink = config.writeBehind ? new WriteBehindRecordSink(durable) : durable;
  const handlerCtx: HandlerContext = { records: sink, clock: ctx.clock, logger: ctx.logger, metrics };
  const subscriptions: ResilientSubscription<unknown>[] = [];
  let failed = false;
  let stopped = false;
  const stopAll = async (): Promise<void> => {
    stopped = true;
    await Promise.allSettled(subscriptions.map((s) => s.stop()));
    await sink.close();
  };
  const onFatal = (error: unknown): void => {
    if (failed || stopped) return;
    failed = true;
    hooks.onFailure?.(error);
  };
  await durable.sweepPending();
  try {
    for (const c of recorderConsumers(config.topicPrefix, handlerCtx)) {
      const groupId = `${config.groupId}.${c.topic.name}`;
      const { bus, logger } = ctx;
      const subscription = new ResilientSubscription({
        bus,
        topic: c.topic,
        groupId,
        handler: c.handler,
        logger,
        onFatal,
      });
      subscriptions.push(subscription);
      await subscription.start();
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  ctx.scheduler.every(PENDING_SWEEP_JOB, config.pendingSweepMs, async () => {
    if (!stopped) await durable.sweepPending();
  });
  return {
    isReady: () => !failed && !stopped && subscriptions.every((s) => s.joined),
    stop: stopAll,
    flush: () => sink.flush(),
  };
}
