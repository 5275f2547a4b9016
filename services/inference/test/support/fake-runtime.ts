import type { ModelContract } from '../../src/domain/model-contract.js';
import { LoadedModel } from '../../src/models/loaded-model.js';
import type { ModelRuntime, RunOutput } from '../../src/ports.js';

/** A runtime for the xgboost contract whose `probability` is the row's first value / 100; it records every run. */
export class FakeRuntime implements ModelRuntime {
  readonly provider = 'cpu' as const;
  readonly inputNames = ['x'];
  readonly outputNames = ['probability'];
  readonly inputDims = undefined;
  readonly runs: number[] = [];
  released = false;
  /** When set, every run waits for it. */
  gate: Promise<void> | undefined;
  failWith: Error | undefined;

  async run(_name: string, batch: Float32Array, dims: readonly number[]): Promise<Record<string, RunOutput>> {
    const rows = dims[0] as number;
    this.runs.push(rows);
    await this.gate;
    if (this.failWith) throw this.failWith;
    const size = batch.length / rows;
    const data = Float32Array.from({ length: rows }, (_, i) => (batch[i * size] as number) / 100);
    return { probability: { data, dims: [rows] } };
  }

  async release(): Promise<void> {
    this.released = true;
  }
}

/** A vector contract of 2 features for the fake runtime. */
export function fakeContract(version: string, featureSpec = 'xgboost:fake'): ModelContract {
  return {
    kind: 'xgboost',
    name: 'factor-weights',
    version,
    sha256: 'f'.repeat(64),
    featureNames: ['a', 'b'],
    featureSpec,
    rowShape: [2],
    rowSize: 2,
    acceptsMissing: true,
  };
}

/** Returns a loaded model over a new fake runtime. */
export function fakeModel(
  version: string,
  featureSpec?: string,
): { model: LoadedModel; runtime: FakeRuntime } {
  const runtime = new FakeRuntime();
  return { model: new LoadedModel(fakeContract(version, featureSpec), runtime, 0), runtime };
}

/** Returns a promise and the function that resolves it. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
