import { performance } from 'node:perf_hooks';
import { RetryableError } from '@cryptosignal/runtime';

/** The fate of one item of a batch. */
export type Settled<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly error: unknown };

/** Writes one batch; returns one `Settled` per item, in order, or throws to fail the whole batch. */
export type BatchFlush<I, R> = (items: readonly I[]) => Promise<readonly Settled<R>[]>;

/** When a batch is written. */
export interface MicroBatcherOptions {
  /** Most items per batch; a full buffer is written at once. */
  readonly maxBatchItems: number;
  /** Longest an item waits in the buffer, ms. */
  readonly maxLingerMs: number;
  /** The buffer is written as soon as no item arrived for this long, ms. */
  readonly quietMs: number;
  /** Batches written at the same time at most (default 1). */
  readonly maxConcurrentWrites?: number;
  /** Monotonic time in ms (default `performance.now`). */
  readonly nowMs?: () => number;
}

interface Entry<I, R> {
  readonly item: I;
  readonly atMs: number;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects items submitted one by one (one per partition in flight: the bus hands a partition its next message
 * only after the previous handler resolved) into batches, writes up to `maxConcurrentWrites` batches at a time,
 * and settles each
 * submitter's promise with its own item's fate only after the batch's write finished. Nothing is acknowledged
 * before it is durable, so a crash loses no item: unsettled items are redelivered by the bus.
 * A batch is written when the buffer is full, when the oldest item waited `maxLingerMs`, or when no item arrived
 * for `quietMs` — whichever comes first.
 */
export class MicroBatcher<I, R> {
  readonly #flush: BatchFlush<I, R>;
  readonly #options: MicroBatcherOptions;
  readonly #nowMs: () => number;
  #buffer: Entry<I, R>[] = [];
  #lastAtMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #writing = 0;
  #closed = false;
  #drainWaiters: (() => void)[] = [];

  /** Thrown (RangeError) when `maxBatchItems` < 1 or a delay is negative. */
  constructor(flush: BatchFlush<I, R>, options: MicroBatcherOptions) {
    const concurrency = options.maxConcurrentWrites ?? 1;
    if (
      !(options.maxBatchItems >= 1) ||
      !(options.maxLingerMs >= 0) ||
      !(options.quietMs >= 0) ||
      !(concurrency >= 1)
    ) {
      throw new RangeError(
        'MicroBatcher needs maxBatchItems >= 1, maxConcurrentWrites >= 1 and non-negative delays',
      );
    }
    this.#flush = flush;
    this.#options = options;
    this.#nowMs = options.nowMs ?? (() => performance.now());
  }

  /**
   * Adds `item` to the next batch; resolves with its value once the batch is written.
   * Thrown as RetryableError (`DEPENDENCY_NOT_READY`) after `close()`, or with the item's own error.
   */
  submit(item: I): Promise<R> {
    if (this.#closed) {
      return Promise.reject(new RetryableError('DEPENDENCY_NOT_READY', 'batch writer is closed'));
    }
    return new Promise<R>((resolve, reject) => {
      const atMs = this.#nowMs();
      this.#buffer.push({ item, atMs, resolve, reject });
      this.#lastAtMs = atMs;
      this.#schedule();
    });
  }

  /** Items waiting in the buffer (not counting the batches being written). */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Writes everything buffered, then refuses new items; resolves once the last batch is settled. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.drain();
  }

  /** Resolves once the buffer is empty and no batch is being written (buffered items are written at once). */
  drain(): Promise<void> {
    if (this.#writing === 0 && this.#buffer.length === 0) return Promise.resolve();
    const drained = new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
    this.#schedule(true);
    return drained;
  }

  #schedule(now = this.#closed): void {
    if (this.#buffer.length === 0) {
      if (this.#writing === 0) for (const wake of this.#drainWaiters.splice(0)) wake();
      return;
    }
    if (this.#writing >= (this.#options.maxConcurrentWrites ?? 1)) return;
    const { maxBatchItems, maxLingerMs, quietMs } = this.#options;
    const firstAtMs = (this.#buffer[0] as Entry<I, R>).atMs;
    const dueAtMs = Math.min(firstAtMs + maxLingerMs, this.#lastAtMs + quietMs);
    const waitMs = now || this.#buffer.length >= maxBatchItems ? 0 : dueAtMs - this.#nowMs();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (waitMs <= 0) void this.#write();
    else this.#timer = setTimeout(() => this.#schedule(), Math.ceil(waitMs));
  }

  async #write(): Promise<void> {
    this.#writing += 1;
    const batch = this.#buffer.splice(0, this.#options.maxBatchItems);
    this.#schedule();
    try {
      const settled = await this.#flush(batch.map((e) => e.item));
      batch.forEach((entry, i) => {
        const fate = settled[i];
        if (!fate) entry.reject(new Error(`batch write returned no result for item ${i}`));
        else if (fate.ok) entry.resolve(fate.value);
        else entry.reject(fate.error);
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.#writing -= 1;
      this.#schedule(this.#closed || this.#drainWaiters.length > 0);
    }
  }
}
