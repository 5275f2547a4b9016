import { describe, expect, it } from 'vitest';
import { MicroBatcher, type Settled } from '../../../src/adapters/micro-batcher.js';

const ok = <R>(value: R): Settled<R> => ({ ok: true, value });

/** A flush that records every batch and settles item n with n × 10, or as told by `fate`. */
function recordingFlush(fate: (item: number) => Settled<number> = (n) => ok(n * 10)) {
  const batches: number[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const flush = async (items: readonly number[]) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    batches.push([...items]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    return items.map(fate);
  };
  return { flush, batches, maxInFlight: () => maxInFlight };
}

describe('MicroBatcher', () => {
  it('writes a full buffer at once and settles each item with its own value', async () => {
    const f = recordingFlush();
    const batcher = new MicroBatcher(f.flush, { maxBatchItems: 3, maxLingerMs: 60_000, quietMs: 60_000 });
    const values = await Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    expect(values).toEqual([10, 20, 30]);
    expect(f.batches).toEqual([[1, 2, 3]]);
  });

  it('writes a partial buffer once no item arrived for quietMs', async () => {
    const f = recordingFlush();
    const batcher = new MicroBatcher(f.flush, { maxBatchItems: 100, maxLingerMs: 60_000, quietMs: 5 });
    await Promise.all([batcher.submit(1), batcher.submit(2)]);
    expect(f.batches).toEqual([[1, 2]]);
  });

  it('writes after maxLingerMs even while items keep arriving', async () => {
    const f = recordingFlush();
    const batcher = new MicroBatcher(f.flush, { maxBatchItems: 1_000, maxLingerMs: 30, quietMs: 20 });
    const pending: Promise<number>[] = [];
    const startedMs = performance.now();
    while (f.batches.length === 0 && performance.now() - startedMs < 2_000) {
      pending.push(batcher.submit(pending.length));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(performance.now() - startedMs).toBeLessThan(500);
    await batcher.close();
    await Promise.all(pending);
    expect(f.batches.flat()).toEqual(pending.map((_, i) => i));
  });

  it('never writes two batches at once, and keeps items that arrive during a write for the next one', async () => {
    const f = recordingFlush();
    const batcher = new MicroBatcher(f.flush, { maxBatchItems: 2, maxLingerMs: 1, quietMs: 1 });
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => batcher.submit(n)));
    expect(await all).toEqual([10, 20, 30, 40, 50]);
    expect(f.maxInFlight()).toBe(1);
    expect(f.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('writes up to maxConcurrentWrites batches at once', async () => {
    const f = recordingFlush();
    const batcher = new MicroBatcher(f.flush, {
      maxBatchItems: 2,
      maxLingerMs: 1,
      quietMs: 1,
      maxConcurrentWrites: 2,
    });
    const all = Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n)));
    expect(await all).toEqual([10, 20, 30, 40, 50, 60]);
    expect(f.maxInFlight()).toBe(2);
    expect(f.batches.flat().sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects only the refused item, and every item when the whole write fails', async () => {
    const refused = new Error('refused');
    const f = recordingFlush((n) => (n === 2 ? { ok: false, error: refused } : ok(n)));
    const batcher = new MicroBatcher(f.flush, { maxBatchItems: 3, maxLingerMs: 1, quietMs: 1 });
    const settled = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const down = new Error('database down');
    const failing = new MicroBatcher(
      async () => {
        throw down;
      },
      { maxBatchItems: 3, maxLingerMs: 1, quietMs: 1 },
    );
    const all = await Promise.allSettled([failing.submit(1), failing.submit(2)]);
    expect(all).toEqual([
      { status: 'rejected', reason: down },
      { status: 'rejected', reason: down },
    ]);
  });

  it('writes what is buffered on close, then refuses new items as retryable', async () => {
    const f = recordingFlush();
    const batcher = new MicroBatcher(f.flush, { maxBatchItems: 100, maxLingerMs: 60_000, quietMs: 60_000 });
    const first = batcher.submit(7);
    await batcher.close();
    expect(await first).toBe(70);
    await expect(batcher.submit(8)).rejects.toMatchObject({
      code: 'DEPENDENCY_NOT_READY',
      kind: 'retryable',
    });
  });
});
