import { MODEL_KINDS, type ModelKind } from '@cryptosignal/inference-client';
import type { ServerTls } from './adapters/grpc-server.js';
import type { ProviderPreference } from './ports.js';

/** Everything the inference service is configured with (README, Configuration). */
export interface InferenceSettings {
  /** Interface and TCP port of the gRPC server (port 0 = any free port). */
  readonly grpcHost: string;
  readonly grpcPort: number;
  /** Root of the model registry: `<modelsDir>/<registry name>/` flat, or `versions/<CURRENT>/` beside a `CURRENT` file. */
  readonly modelsDir: string;
  readonly executionProvider: ProviderPreference;
  /** onnxruntime intra-op threads per session. */
  readonly intraOpThreads: number;
  /** Most rows in one onnxruntime run. */
  readonly maxBatchSize: number;
  /** Longest a row waits for others before its batch runs, ms. */
  readonly maxBatchWaitMs: number;
  /** Largest gRPC message accepted or sent, bytes. */
  readonly maxMessageBytes: number;
  /** Kinds that must be loaded for the service to be ready. */
  readonly requiredModels: readonly ModelKind[];
  /** The `config.models` scope this instance follows. */
  readonly modelsScope: string;
  /** Consumer group prefix (the service name); the group is `<groupId>.<topic>.<instanceId>`. */
  readonly groupId: string;
  /** Unique per process, so every replica reads every `config.models` event. */
  readonly instanceId: string;
  /** How long a stop waits for calls in flight, ms. */
  readonly shutdownGraceMs: number;
  readonly tls: ServerTls | undefined;
  /** Folder of the `.proto` files for server reflection; undefined = the repository's `proto/`. */
  readonly protoDir: string | undefined;
}

/**
 * Defaults: port 50051 on every interface, `models/`, CUDA when it works, batches of at most 64 rows with no extra
 * wait (as Triton's dynamic batcher: rows that arrive while a run is in progress form the next batch), all three
 * models required.
 */
export const DEFAULT_INFERENCE_SETTINGS: Readonly<InferenceSettings> = Object.freeze({
  grpcHost: '0.0.0.0',
  grpcPort: 50051,
  modelsDir: 'models',
  executionProvider: 'auto',
  intraOpThreads: 1,
  maxBatchSize: 64,
  maxBatchWaitMs: 0,
  maxMessageBytes: 16 * 1024 * 1024,
  requiredModels: MODEL_KINDS,
  modelsScope: 'global',
  groupId: 'inference',
  instanceId: 'embedded',
  shutdownGraceMs: 5_000,
  tls: undefined,
  protoDir: undefined,
});
