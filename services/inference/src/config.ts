import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  type DeepReadonly,
  envEnum,
  envInt,
  envList,
  envString,
  kafkaEnv,
  loadConfig,
  telemetryEnv,
  z,
} from '@cryptosignal/config';
import { MODEL_KINDS, type ModelKind } from '@cryptosignal/inference-client';
import { ConfigError } from '@cryptosignal/runtime';
import type { ServerTls } from './adapters/grpc-server.js';
import { DEFAULT_INFERENCE_SETTINGS as D, type InferenceSettings } from './settings.js';

const kafka = kafkaEnv({ clientId: 'inference' });
const MODEL_KIND = new RegExp(`^(${MODEL_KINDS.join('|')})$`);

/**
 * The inference service's environment (README, Configuration). Kafka is optional: without KAFKA_BROKERS the
 * service serves the models of MODELS_DIR and does not follow `config.models`.
 */
export const inferenceEnvSchema = z.object({
  ...kafka,
  KAFKA_BROKERS: kafka.KAFKA_BROKERS.optional(),
  ...telemetryEnv({ serviceName: 'inference', adminPort: 9464 }),
  GRPC_HOST: envString('an interface address').default(D.grpcHost),
  GRPC_PORT: envInt({ min: 0, max: 65_535 }, 'a TCP port 0..65535').default(D.grpcPort),
  GRPC_TLS_CERT_FILE: envString('a PEM certificate file').optional(),
  GRPC_TLS_KEY_FILE: envString('a PEM private key file').optional(),
  GRPC_TLS_CLIENT_CA_FILE: envString('a PEM CA file (mutual TLS)').optional(),
  GRPC_MAX_MESSAGE_BYTES: envInt({ min: 65_536, max: 1 << 30 }, 'bytes 65536..2^30').default(
    D.maxMessageBytes,
  ),
  MODELS_DIR: envString('the model registry folder').default(D.modelsDir),
  INFERENCE_EXECUTION_PROVIDER: envEnum(['auto', 'cuda', 'cpu'], 'auto|cuda|cpu').default(
    D.executionProvider,
  ),
  INFERENCE_INTRA_OP_THREADS: envInt({ min: 1, max: 256 }, 'threads 1..256').default(D.intraOpThreads),
  INFERENCE_MAX_BATCH_SIZE: envInt({ min: 1, max: 4_096 }, 'rows 1..4096').default(D.maxBatchSize),
  INFERENCE_MAX_BATCH_WAIT_MS: envInt({ min: 0, max: 1_000 }, 'milliseconds 0..1000').default(
    D.maxBatchWaitMs,
  ),
  INFERENCE_REQUIRED_MODELS: envList(
    MODEL_KIND,
    `a comma-separated list of ${MODEL_KINDS.join('|')}`,
  ).optional(),
  INFERENCE_MODELS_SCOPE: envString('a config.models scope').default(D.modelsScope),
  INFERENCE_INSTANCE_ID: envString('an id unique to this process').optional(),
  INFERENCE_PROTO_DIR: envString('the folder of cryptosignal/v1/*.proto').optional(),
  INFERENCE_SHUTDOWN_GRACE_MS: envInt({ min: 0, max: 600_000 }, 'milliseconds').default(D.shutdownGraceMs),
});

/** The parsed, frozen environment of the inference service. */
export type InferenceEnv = DeepReadonly<z.output<typeof inferenceEnvSchema>>;

function readPem(path: string, name: string, problems: string[]): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return Buffer.alloc(0);
  }
}

function tlsOf(env: InferenceEnv): ServerTls | undefined {
  const { GRPC_TLS_CERT_FILE: cert, GRPC_TLS_KEY_FILE: key, GRPC_TLS_CLIENT_CA_FILE: ca } = env;
  if (!cert && !key && !ca) return undefined;
  const problems: string[] = [];
  if (!cert || !key) problems.push('GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE: both required for TLS');
  const tls = {
    cert: cert ? readPem(cert, 'GRPC_TLS_CERT_FILE', problems) : Buffer.alloc(0),
    key: key ? readPem(key, 'GRPC_TLS_KEY_FILE', problems) : Buffer.alloc(0),
    ca: ca ? readPem(ca, 'GRPC_TLS_CLIENT_CA_FILE', problems) : undefined,
  };
  if (problems.length > 0) throw new ConfigError(`invalid TLS configuration (${problems.length})`, problems);
  return tls;
}

/** Returns the settings of a parsed environment (TLS files read now). Thrown (ConfigError) when a TLS file is unreadable. */
export function toInferenceSettings(env: InferenceEnv): InferenceSettings {
  return Object.freeze({
    grpcHost: env.GRPC_HOST,
    grpcPort: env.GRPC_PORT,
    modelsDir: env.MODELS_DIR,
    executionProvider: env.INFERENCE_EXECUTION_PROVIDER,
    intraOpThreads: env.INFERENCE_INTRA_OP_THREADS,
    maxBatchSize: env.INFERENCE_MAX_BATCH_SIZE,
    maxBatchWaitMs: env.INFERENCE_MAX_BATCH_WAIT_MS,
    maxMessageBytes: env.GRPC_MAX_MESSAGE_BYTES,
    requiredModels: (env.INFERENCE_REQUIRED_MODELS as readonly ModelKind[] | undefined) ?? D.requiredModels,
    modelsScope: env.INFERENCE_MODELS_SCOPE,
    groupId: env.KAFKA_CLIENT_ID,
    instanceId: env.INFERENCE_INSTANCE_ID ?? randomUUID(),
    shutdownGraceMs: env.INFERENCE_SHUTDOWN_GRACE_MS,
    tls: tlsOf(env),
    protoDir: env.INFERENCE_PROTO_DIR,
  });
}

/**
 * Returns the parsed environment (`env`, default process.env) and its settings.
 * Thrown (ConfigError listing every problem) when a variable is missing or invalid or a TLS file unreadable.
 */
export function loadInferenceConfig(env: Readonly<Record<string, string | undefined>> = process.env): {
  env: InferenceEnv;
  settings: InferenceSettings;
} {
  const parsed = loadConfig(inferenceEnvSchema, env);
  return { env: parsed, settings: toInferenceSettings(parsed) };
}
