import { ConfigError } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import ort from 'onnxruntime-node';
import type {
  ExecutionProvider,
  ModelRuntime,
  ModelRuntimeFactory,
  ProviderPreference,
  RunOutput,
} from '../ports.js';

/** A 69-byte ONNX model (opset 17, one Identity node on a float[1]) run once to prove a provider works. */
const PROBE_MODEL = Buffer.from(
  'CAg6OwoQCgF4EgF5IghJZGVudGl0eRIFcHJvYmVaDwoBeBIKCggIARIECgIIAWIPCgF5EgoKCAgBEgQKAggBQgQKABAR',
  'base64',
);

/** Options of the onnxruntime-node sessions. */
export interface OnnxOptions {
  readonly preference: ProviderPreference;
  /** Threads of one operator (intra-op), ≥ 1. */
  readonly intraOpThreads: number;
  readonly logger: Logger;
}

function sessionOptions(
  provider: ExecutionProvider,
  intraOpThreads: number,
): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    intraOpNumThreads: intraOpThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  };
}

function dimsOf(session: ort.InferenceSession, name: string): (number | undefined)[] | undefined {
  const meta = session.inputMetadata.find((m) => m.name === name);
  if (!meta?.isTensor) return undefined;
  return meta.shape.map((d) => (typeof d === 'number' && d > 0 ? d : undefined));
}

class OnnxModelRuntime implements ModelRuntime {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputDims: readonly (number | undefined)[] | undefined;

  constructor(
    private readonly session: ort.InferenceSession,
    readonly provider: ExecutionProvider,
  ) {
    this.inputNames = session.inputNames;
    this.outputNames = session.outputNames;
    this.inputDims = session.inputNames[0] === undefined ? undefined : dimsOf(session, session.inputNames[0]);
  }

  async run(
    inputName: string,
    batch: Float32Array,
    dims: readonly number[],
  ): Promise<Record<string, RunOutput>> {
    const feeds = { [inputName]: new ort.Tensor('float32', batch, [...dims]) };
    const results = await this.session.run(feeds);
    const out: Record<string, RunOutput> = {};
    for (const [name, tensor] of Object.entries(results)) {
      if (tensor.type !== 'float32') throw new TypeError(`output ${name} is ${tensor.type}, not float32`);
      out[name] = { data: tensor.data as Float32Array, dims: tensor.dims };
    }
    return out;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

async function probe(provider: ExecutionProvider): Promise<void> {
  const session = await ort.InferenceSession.create(PROBE_MODEL, sessionOptions(provider, 1));
  try {
    await session.run({ x: new ort.Tensor('float32', new Float32Array([1]), [1]) });
  } finally {
    await session.release();
  }
}

/**
 * Returns the factory of onnxruntime-node sessions on the execution provider chosen now, and logs the choice:
 * `auto` tries CUDA (a probe model is loaded and run) and falls back to the CPU when that fails; `cuda` requires it;
 * `cpu` uses the CPU only. Thrown (ConfigError) when `cuda` is required and does not work.
 */
export async function startOnnxRuntime(options: OnnxOptions): Promise<ModelRuntimeFactory> {
  const { preference, logger } = options;
  let provider: ExecutionProvider = 'cpu';
  if (preference !== 'cpu') {
    try {
      await probe('cuda');
      provider = 'cuda';
    } catch (error) {
      if (preference === 'cuda') {
        throw new ConfigError('the CUDA execution provider was required and does not work', [String(error)], {
          cause: error,
        });
      }
      logger.info({ err: error }, 'CUDA execution provider unavailable, using the CPU');
    }
  }
  if (provider === 'cpu') await probe('cpu');
  logger.info(
    { provider, requested: preference, onnxruntime: ort.env.versions.node },
    'execution provider chosen',
  );
  return {
    provider,
    create: async (bytes) =>
      new OnnxModelRuntime(
        await ort.InferenceSession.create(bytes, sessionOptions(provider, options.intraOpThreads)),
        provider,
      ),
  };
}
