import { MODEL_SPECS, type ModelKind } from '@cryptosignal/inference-client';
import type { Clock } from '@cryptosignal/runtime';
import { type Link, type Span, type SpanContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ModelContract } from '../domain/model-contract.js';
import type { RowOutputs } from '../domain/model-output.js';
import { RpcError } from '../domain/rpc-error.js';
import type { RunOutput } from '../ports.js';
import type { ModelRegistry } from './model-registry.js';

/**
 * When a call must be answered (wall time, ms UTC; undefined = no deadline), whether its caller went away, and the
 * span of the call, which the batch span links to.
 */
export interface BatchCall {
  readonly deadlineMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly span?: SpanContext;
}

/** One row's outputs and the contract (name, version) of the model that computed them. */
export interface RowResult {
  readonly outputs: RowOutputs;
  readonly model: ModelContract;
}

/** Options of a `MicroBatcher`. */
export interface MicroBatcherOptions {
  readonly kind: ModelKind;
  readonly registry: ModelRegistry;
  readonly clock: Clock;
  /** Most rows in one run. */
  readonly maxBatchSize: number;
  /** Longest a row waits for others before its batch runs, ms. */
  readonly maxWaitMs: number;
  /** Called after every run with its size (rows) and duration (ms). */
  readonly onBatch?: (rows: number, durationMs: number, model: ModelContract) => void;
}

interface Pending {
  readonly row: Float32Array;
  readonly featureSpec: string;
  readonly enqueuedAtMs: number;
  readonly call: BatchCall;
  settled: boolean;
  resolve(result: RowResult): void;
  reject(error: RpcError): void;
}

function settle(p: Pending, outcome: RowResult | RpcError): void {
  if (p.settled) return;
  p.settled = true;
  if (outcome instanceof RpcError) p.reject(outcome);
  else p.resolve(outcome);
}

/**
 * Gathers the rows of concurrent requests for one model kind and runs them together: a batch runs when it has
 * `maxBatchSize` rows or its oldest row has waited `maxWaitMs`, one onnxruntime run per batch and one run at a
 * time per kind (rows arriving during a run form the next batch). A row whose deadline passed or whose caller
 * cancelled before its run is dropped without being computed. Each batch runs on the model in service when it
 * starts; a hot reload in the meantime does not affect a running batch.
 */
export class MicroBatcher {
  readonly #o: MicroBatcherOptions;
  readonly #queue: Pending[] = [];
  #timer: { cancel(): void } | undefined;
  #running: Promise<void> | undefined;

  constructor(options: MicroBatcherOptions) {
    if (!(Number.isInteger(options.maxBatchSize) && options.maxBatchSize >= 1)) {
      throw new RangeError(`maxBatchSize must be an integer >= 1, got ${options.maxBatchSize}`);
    }
    if (!(options.maxWaitMs >= 0)) throw new RangeError(`maxWaitMs must be >= 0, got ${options.maxWaitMs}`);
    this.#o = options;
  }

  /**
   * Queues `rows` (each one input row of the model, checked against the contract with `featureSpec`) and resolves
   * with their outputs, in order. Rejects with RpcError: CANCELLED when the caller cancelled, DEADLINE_EXCEEDED when
   * the deadline passed before the run, FAILED_PRECONDITION when no model is in service, UNAVAILABLE when the model
   * was replaced by one with another input layout, INTERNAL when the run failed.
   */
  submit(rows: readonly Float32Array[], featureSpec: string, call: BatchCall): Promise<RowResult[]> {
    if (call.signal?.aborted) return Promise.reject(new RpcError('CANCELLED', 'the call was cancelled'));
    if (rows.length === 0) return Promise.resolve([]);
    const enqueuedAtMs = this.#o.clock.nowMs();
    const results = rows.map(
      (row) =>
        new Promise<RowResult>((resolve, reject) => {
          this.#queue.push({ row, featureSpec, enqueuedAtMs, call, settled: false, resolve, reject });
        }),
    );
    const mine = this.#queue.slice(-rows.length);
    call.signal?.addEventListener(
      'abort',
      () => {
        for (const p of mine) settle(p, new RpcError('CANCELLED', 'the call was cancelled'));
      },
      { once: true },
    );
    this.#schedule();
    return Promise.all(results);
  }

  /** Rows waiting for a run. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Resolves once every queued row has been run or dropped. */
  async drain(): Promise<void> {
    while (this.#running || this.#queue.length > 0) {
      if (!this.#running) this.#flush();
      await this.#running;
    }
  }

  #schedule(): void {
    if (this.#running || this.#queue.length === 0) return;
    if (this.#queue.length >= this.#o.maxBatchSize) {
      this.#flush();
      return;
    }
    if (this.#timer) return;
    const oldest = this.#queue[0] as Pending;
    const waitMs = oldest.enqueuedAtMs + this.#o.maxWaitMs - this.#o.clock.nowMs();
    const fire = () => {
      this.#timer = undefined;
      this.#flush();
    };
    // No wait left: run after the I/O already received (setImmediate), not after setTimeout's 1 ms minimum.
    if (waitMs <= 0) {
      const immediate = setImmediate(fire);
      this.#timer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(fire, waitMs);
      this.#timer = { cancel: () => clearTimeout(timeout) };
    }
  }

  #flush(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    if (this.#running) return;
    const batch = this.#take();
    if (batch.length === 0) return;
    this.#running = this.#run(batch).finally(() => {
      this.#running = undefined;
      this.#schedule();
    });
  }

  #take(): Pending[] {
    const nowMs = this.#o.clock.nowMs();
    const batch: Pending[] = [];
    while (this.#queue.length > 0 && batch.length < this.#o.maxBatchSize) {
      const p = this.#queue.shift() as Pending;
      if (p.settled) continue;
      if (p.call.deadlineMs !== undefined && p.call.deadlineMs <= nowMs) {
        settle(p, new RpcError('DEADLINE_EXCEEDED', 'the deadline passed before the model ran'));
      } else batch.push(p);
    }
    return batch;
  }

  /** Returns the rows of `batch` built for the layout of `contract`; the others are refused as UNAVAILABLE. */
  #sameLayout(batch: Pending[], contract: ModelContract): Pending[] {
    const rows: Pending[] = [];
    for (const p of batch) {
      if (p.featureSpec === contract.featureSpec) rows.push(p);
      else settle(p, new RpcError('UNAVAILABLE', 'the model was replaced by one with another input layout'));
    }
    return rows;
  }

  async #run(batch: Pending[]): Promise<void> {
    const model = this.#o.registry.current(this.#o.kind);
    if (!model) {
      for (const p of batch)
        settle(p, new RpcError('FAILED_PRECONDITION', `no ${this.#o.kind} model is loaded`));
      return;
    }
    const contract = model.contract;
    const rows = this.#sameLayout(batch, contract);
    if (rows.length === 0) return;
    const input = new Float32Array(rows.length * contract.rowSize);
    rows.forEach((p, i) => {
      input.set(p.row, i * contract.rowSize);
    });
    const release = model.acquire();
    const startedMs = performance.now();
    const span = batchSpan(this.#o.kind, rows, model.runtime.provider);
    try {
      const spec = MODEL_SPECS[this.#o.kind];
      const out = await model.runtime.run(spec.inputName, input, [rows.length, ...contract.rowShape]);
      this.#o.onBatch?.(rows.length, performance.now() - startedMs, contract);
      rows.forEach((p, i) => {
        settle(p, { outputs: rowOf(out, spec.outputs, i, rows.length), model: contract });
      });
    } catch (error) {
      const failure =
        error instanceof RpcError
          ? error
          : new RpcError('INTERNAL', 'the model run failed', { cause: error });
      span.setStatus({ code: SpanStatusCode.ERROR, message: failure.status });
      for (const p of rows) settle(p, failure);
    } finally {
      span.end();
      release();
    }
  }
}

/** Starts the `inference.batch <model>` span of one run, linked to the span of every call it serves. */
function batchSpan(kind: ModelKind, rows: readonly Pending[], provider: string): Span {
  const links: Link[] = [];
  const seen = new Set<SpanContext>();
  for (const p of rows) {
    if (p.call.span && !seen.has(p.call.span)) {
      seen.add(p.call.span);
      links.push({ context: p.call.span });
    }
  }
  return trace.getTracer('@cryptosignal/inference').startSpan(`inference.batch ${kind}`, {
    kind: SpanKind.INTERNAL,
    attributes: {
      'cryptosignal.model': kind,
      'cryptosignal.batch_size': rows.length,
      'cryptosignal.provider': provider,
    },
    links,
  });
}

function rowOf(
  out: Record<string, RunOutput>,
  outputs: readonly { name: string }[],
  row: number,
  rows: number,
): RowOutputs {
  const result: Record<string, Float32Array> = {};
  for (const { name } of outputs) {
    const tensor = out[name];
    if (!tensor || tensor.dims[0] !== rows || tensor.data.length % rows !== 0) {
      throw new RpcError('INTERNAL', `model output ${name} does not have one row per input row`);
    }
    const size = tensor.data.length / rows;
    result[name] = tensor.data.subarray(row * size, (row + 1) * size);
  }
  return result;
}
