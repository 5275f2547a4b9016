/** onnxruntime execution providers the service uses: the `provider` metric label and ModelStatus.device. */
export type ExecutionProvider = 'cuda' | 'cpu';

/** What the service asks for at start: CUDA if it works else CPU (`auto`), CUDA or fail (`cuda`), CPU only (`cpu`). */
export type ProviderPreference = 'auto' | 'cuda' | 'cpu';

/** One output tensor of a run: float32 data and its dimensions (batch first). */
export interface RunOutput {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** A loaded model able to run batches; one per model version. */
export interface ModelRuntime {
  readonly provider: ExecutionProvider;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * Input dimensions the graph declares, batch first; a symbolic or free dimension is undefined. Undefined when
   * the runtime does not report them.
   */
  readonly inputDims: readonly (number | undefined)[] | undefined;
  /**
   * Runs the model once on `batch` (float32, row-major, `dims` = [rows, ...row shape]) fed to `inputName`, and
   * returns every output by name. Rejects with the runtime's error when the run fails.
   */
  run(inputName: string, batch: Float32Array, dims: readonly number[]): Promise<Record<string, RunOutput>>;
  /** Frees the model's memory; called once, after its last run. */
  release(): Promise<void>;
}

/** Creates runtimes on the execution provider chosen at start. */
export interface ModelRuntimeFactory {
  readonly provider: ExecutionProvider;
  /** Returns a runtime of the ONNX model `bytes`. Rejects when the model cannot be loaded. */
  create(bytes: Uint8Array): Promise<ModelRuntime>;
}
