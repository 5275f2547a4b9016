import { readFileSync } from 'node:fs';
import {
  type DeepReadonly,
  envBool,
  envEnum,
  envInt,
  envMatching,
  envString,
  type z,
} from '@cryptosignal/config';
import type { ClientTls, InferenceClientOptions } from '@cryptosignal/inference-client';
import { ConfigError } from '@cryptosignal/runtime';
import { DEFAULT_V73_VERSION, loadModelStrategySettings } from './model-settings.js';
import type { ModelStrategySettings } from './settings.js';

const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const HOST_PORT = /^[A-Za-z0-9._-]{1,253}:\d{1,5}$/;

/** The pipeline's v7.3 variables (README.md "Configuration"); the INFERENCE_* names are those the deployments set. */
export function v73Env() {
  return {
    PIPELINE_V73_ENABLED: envBool('a boolean (true/false)').default(false),
    PIPELINE_V73_VERSION: envMatching(NAME, 'a version').default(DEFAULT_V73_VERSION),
    PIPELINE_V73_PROBABILITY: envEnum(['calibrated', 'xgboost'], 'calibrated|xgboost').default('calibrated'),
    PIPELINE_MODELS_DIR: envString('a model registry folder').default('models'),
    PIPELINE_REGIME_ADAPTIVE_FILE: envString('a regime-adaptive parameters file').optional(),
    INFERENCE_URL: envMatching(HOST_PORT, 'host:port of the inference service').default('inference:50051'),
    INFERENCE_DEADLINE_MS: envInt({ min: 1, max: 60_000 }, 'ms 1..60000').default(200),
    INFERENCE_TLS_CA_FILE: envString('a PEM CA file').optional(),
    INFERENCE_TLS_CERT_FILE: envString('a PEM client certificate file (mutual TLS)').optional(),
    INFERENCE_TLS_KEY_FILE: envString('a PEM client key file (mutual TLS)').optional(),
  };
}

/** The parsed v7.3 variables. */
export type V73Env = DeepReadonly<z.output<z.ZodObject<ReturnType<typeof v73Env>>>>;

/**
 * Returns the v7.3 settings of a parsed environment (the models' layouts and the regime parameters read from
 * PIPELINE_MODELS_DIR, the regime file from PIPELINE_REGIME_ADAPTIVE_FILE when set, now), or undefined when PIPELINE_V73_ENABLED is false.
 * Thrown (ConfigError) when a manifest or the regime-adaptive file is unreadable or invalid.
 */
export function modelSettingsOf(env: V73Env): ModelStrategySettings | undefined {
  if (!env.PIPELINE_V73_ENABLED) return undefined;
  return loadModelStrategySettings(env.PIPELINE_MODELS_DIR, {
    v73Version: env.PIPELINE_V73_VERSION,
    probability: env.PIPELINE_V73_PROBABILITY,
    callTimeoutMs: env.INFERENCE_DEADLINE_MS,
    ...(env.PIPELINE_REGIME_ADAPTIVE_FILE ? { regimeAdaptiveFile: env.PIPELINE_REGIME_ADAPTIVE_FILE } : {}),
  });
}

function readPem(path: string, name: string, problems: string[]): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}

/**
 * Returns the options of the inference client: address, deadline and TLS (the CA alone: server TLS; with a
 * certificate and key: mutual TLS; none: plaintext). Thrown (ConfigError) when a PEM file is unreadable or only one of
 * certificate and key is given.
 */
export function inferenceClientOptionsOf(env: V73Env): InferenceClientOptions {
  const { INFERENCE_TLS_CA_FILE: ca, INFERENCE_TLS_CERT_FILE: cert, INFERENCE_TLS_KEY_FILE: key } = env;
  const base = { address: env.INFERENCE_URL, timeoutMs: env.INFERENCE_DEADLINE_MS };
  if (!ca && !cert && !key) return base;
  const problems: string[] = [];
  if (Boolean(cert) !== Boolean(key))
    problems.push('INFERENCE_TLS_CERT_FILE and INFERENCE_TLS_KEY_FILE: both or neither');
  const tls: ClientTls = {
    ...(ca ? { ca: readPem(ca, 'INFERENCE_TLS_CA_FILE', problems) } : {}),
    ...(cert ? { cert: readPem(cert, 'INFERENCE_TLS_CERT_FILE', problems) } : {}),
    ...(key ? { key: readPem(key, 'INFERENCE_TLS_KEY_FILE', problems) } : {}),
  };
  if (problems.length > 0)
    throw new ConfigError(`invalid inference TLS configuration (${problems.length})`, problems);
  return { ...base, tls };
}
