import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MODEL_SPECS, type ModelKind } from '@cryptosignal/inference-client';
import { type Clock, InvalidMessageError } from '@cryptosignal/runtime';
import { contractOfManifest, type ModelContract } from '../domain/model-contract.js';
import { LoadedModel } from '../models/loaded-model.js';
import type { ModelRuntime, ModelRuntimeFactory } from '../ports.js';

/** A model the service refuses to serve, with every reason. */
export class ModelRejectedError extends InvalidMessageError {
  constructor(
    readonly model: ModelKind,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super('MODEL_INVALID', `${model} model rejected: ${problems.join('; ')}`, options);
  }
}

/** Where a model is and, when a `config.models` event names it, the version and sha256 it must have. */
export interface ModelLocation {
  readonly kind: ModelKind;
  /** Folder holding manifest.json and the model file. */
  readonly dir: string;
  /** The model file's name when announced; it must be the manifest's `model_file` (default model.onnx). */
  readonly file?: string;
  readonly expectedVersion?: string;
  readonly expectedSha256?: string;
}

function runtimeProblems(contract: ModelContract, runtime: ModelRuntime): string[] {
  const spec = MODEL_SPECS[contract.kind];
  const problems: string[] = [];
  if (!runtime.inputNames.includes(spec.inputName)) problems.push(`graph has no input ${spec.inputName}`);
  for (const o of spec.outputs) {
    if (!runtime.outputNames.includes(o.name)) problems.push(`graph has no output ${o.name}`);
  }
  const dims = runtime.inputDims;
  const fixed = dims?.slice(1);
  if (
    dims &&
    (dims.length !== contract.rowShape.length + 1 ||
      fixed?.some((d, i) => d !== undefined && d !== contract.rowShape[i]))
  ) {
    problems.push(`graph input shape ${JSON.stringify(dims)} differs from the manifest's`);
  }
  return problems;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

/**
 * Loads model versions from folders laid out as `make train` writes them (manifest.json + model.onnx): checks the
 * manifest against the compiled spec, the file's sha256 against the manifest (and against the `config.models`
 * event when it names one), creates the runtime from the very bytes hashed, and checks the graph's input and
 * outputs against the manifest.
 */
export class ModelLoader {
  constructor(
    private readonly factory: ModelRuntimeFactory,
    private readonly clock: Clock,
  ) {}

  /** Returns the loaded model at `location`. Thrown (ModelRejectedError with every problem) when any check fails. */
  async load(location: ModelLocation): Promise<LoadedModel> {
    const { kind, dir } = location;
    const reject = (problems: string[], cause?: unknown): never => {
      throw new ModelRejectedError(kind, problems, { cause });
    };
    const manifest = await readJson(join(dir, 'manifest.json')).catch((e: unknown) =>
      reject([`manifest.json unreadable: ${String(e)}`], e),
    );
    const checked = contractOfManifest(kind, manifest);
    if ('problems' in checked) return reject(checked.problems);
    const { contract } = checked;
    if (location.expectedVersion !== undefined && location.expectedVersion !== contract.version) {
      reject([`version ${contract.version} differs from the announced ${location.expectedVersion}`]);
    }
    const file = (manifest as { model_file?: unknown }).model_file ?? 'model.onnx';
    if (typeof file !== 'string' || basename(file) !== file) reject(['model_file must be a file name']);
    if (location.file !== undefined && location.file !== file) {
      reject([`announced file ${location.file} is not the manifest's ${String(file)}`]);
    }
    const bytes = await readFile(join(dir, file as string)).catch((e: unknown) =>
      reject([`${String(file)} unreadable: ${String(e)}`], e),
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== contract.sha256)
      reject([`sha256 of ${String(file)} is ${sha256}, manifest says ${contract.sha256}`]);
    if (location.expectedSha256 !== undefined && sha256 !== location.expectedSha256) {
      reject([`sha256 of ${String(file)} is ${sha256}, announced ${location.expectedSha256}`]);
    }
    const runtime = await this.factory
      .create(bytes)
      .catch((e: unknown) => reject([`onnxruntime cannot load the model: ${String(e)}`], e));
    const problems = runtimeProblems(contract, runtime);
    if (problems.length > 0) {
      await runtime.release();
      reject(problems);
    }
    return new LoadedModel(contract, runtime, this.clock.nowMs());
  }
}
