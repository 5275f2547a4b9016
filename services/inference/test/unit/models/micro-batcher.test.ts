import { ManualClock } from '@cryptosignal/runtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcError } from '../../../src/domain/rpc-error.js';
import { MicroBatcher } from '../../../src/models/micro-batcher.js';
import { ModelRegistry } from '../../../src/models/model-registry.js';
import { deferred, type FakeRuntime, fakeModel } from '../../support/fake-runtime.js';

const row = (first: number) => Float32Array.from([first, 0]);
const open = { deadlineMs: undefined, signal: undefined };

describe('MicroBatcher', () => {
  let registry: ModelRegistry;
  let runtime: FakeRuntime;
  let clock: ManualClock;
  const batcher = (maxBatchSize: number, maxWaitMs: number) =>
    new MicroBatcher({ kind: 'xgboost', registry, clock, maxBatchSize, maxWaitMs });

  beforeEach(async () => {
    vi.useFakeTimers();
    clock = new ManualClock(1_000);
    registry = new ModelRegistry(['xgboost']);
    const fake = fakeModel('v1');
    runtime = fake.runtime;
    await registry.install(fake.model);
  });
  afterEach(() => vi.useRealTimers());

  it('runs a full batch at once: 64 concurrent callers, one run, each gets its own row', async () => {
    const b = batcher(64, 10_000);
    const answers = Promise.all(
      Array.from({ length: 64 }, (_, i) => b.submit([row(i)], 'xgboost:fake', open)),
    );
    const results = await answers;
    expect(runtime.runs).toEqual([64]);
    expect(results.map(([r]) => r?.outputs.probability?.[0])).toEqual(
      Array.from({ length: 64 }, (_, i) => Math.fround(i / 100)),
    );
    expect(results.every(([r]) => r?.model.version === 'v1')).toBe(true);
  });

  it('runs a partial batch once its oldest row waited maxWaitMs', async () => {
    const b = batcher(64, 5);
    const answer = b.submit([row(1), row(2)], 'xgboost:fake', open);
    await vi.advanceTimersByTimeAsync(4);
    expect(runtime.runs).toEqual([]);
    clock.advance(5);
    await vi.advanceTimersByTimeAsync(1);
    expect((await answer).length).toBe(2);
    expect(runtime.runs).toEqual([2]);
  });

  it('splits more rows than maxBatchSize into several runs and gathers rows arriving during a run', async () => {
    const gate = deferred();
    runtime.gate = gate.promise;
    const b = batcher(4, 0);
    const first = b.submit([1, 2, 3, 4, 5, 6].map(row), 'xgboost:fake', open);
    await vi.advanceTimersByTimeAsync(0);
    const second = b.submit([row(7), row(8)], 'xgboost:fake', open);
    gate.resolve();
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all([first, second]);
    expect(runtime.runs).toEqual([4, 4]);
  });

  it('never runs a row whose deadline passed or whose caller cancelled while it waited', async () => {
    const b = batcher(64, 50);
    const late = b.submit([row(1)], 'xgboost:fake', { deadlineMs: 1_020, signal: undefined });
    const abort = new AbortController();
    const gone = b.submit([row(2)], 'xgboost:fake', { deadlineMs: undefined, signal: abort.signal });
    const kept = b.submit([row(3)], 'xgboost:fake', open);
    const lateStatus = late.catch((e: RpcError) => e.status);
    const goneStatus = gone.catch((e: RpcError) => e.status);
    abort.abort();
    clock.advance(50);
    await vi.advanceTimersByTimeAsync(50);
    expect(await lateStatus).toBe('DEADLINE_EXCEEDED');
    expect(await goneStatus).toBe('CANCELLED');
    expect((await kept)[0]?.outputs.probability?.[0]).toBeCloseTo(0.03, 6);
    expect(runtime.runs).toEqual([1]);
  });

  it('refuses at once a call already cancelled, and resolves an empty call with nothing', async () => {
    const b = batcher(64, 5);
    const abort = new AbortController();
    abort.abort();
    await expect(
      b.submit([row(1)], 'xgboost:fake', { deadlineMs: undefined, signal: abort.signal }),
    ).rejects.toThrow(RpcError);
    expect(await b.submit([], 'xgboost:fake', open)).toEqual([]);
  });

  it('fails every row of a failed run with INTERNAL and keeps serving', async () => {
    const b = batcher(2, 0);
    runtime.failWith = new Error('onnxruntime exploded');
    const failed = b.submit([row(1), row(2)], 'xgboost:fake', open).catch((e: RpcError) => e.status);
    await vi.advanceTimersByTimeAsync(0);
    expect(await failed).toBe('INTERNAL');
    runtime.failWith = undefined;
    const ok = b.submit([row(4)], 'xgboost:fake', open);
    await vi.advanceTimersByTimeAsync(0);
    expect((await ok).length).toBe(1);
  });

  it('runs a batch queued before a swap on the new model, and refuses rows built for another input layout', async () => {
    const b = batcher(64, 10);
    const sameLayout = b.submit([row(1)], 'xgboost:fake', open);
    const other = fakeModel('v2', 'xgboost:other');
    const oldLayout = fakeModel('v3');
    await registry.install(other.model);
    const refused = sameLayout.catch((e: RpcError) => e.status);
    clock.advance(10);
    await vi.advanceTimersByTimeAsync(10);
    expect(await refused).toBe('UNAVAILABLE');
    await registry.install(oldLayout.model);
    const served = b.submit([row(2)], 'xgboost:fake', open);
    clock.advance(10);
    await vi.advanceTimersByTimeAsync(10);
    expect((await served)[0]?.model.version).toBe('v3');
  });

  it('answers FAILED_PRECONDITION when no model is in service', async () => {
    await registry.releaseAll();
    const b = batcher(1, 0);
    await expect(b.submit([row(1)], 'xgboost:fake', open)).rejects.toMatchObject({
      status: 'FAILED_PRECONDITION',
    });
  });

  it('drains: resolves once every queued row has run', async () => {
    const b = batcher(64, 10_000);
    const answer = b.submit([row(1)], 'xgboost:fake', open);
    await b.drain();
    expect((await answer).length).toBe(1);
    expect(b.queued).toBe(0);
  });
});
