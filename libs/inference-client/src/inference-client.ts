import { InferenceServiceClient, type ModelStatus } from '@cryptosignal/contracts';
import { type Clock, SystemClock } from '@cryptosignal/runtime';
import {
  type CallOptions,
  type ChannelCredentials,
  type ChannelOptions,
  type ClientUnaryCall,
  status as GrpcStatus,
  credentials as grpcCredentials,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { fallbackReasonOfStatus, InferenceCallError } from './fallback.js';
import type { ModelAnswer, PriceDistribution, RegimeEstimate, WinProbability } from './predictions.js';
import {
  type FeatureVectorInput,
  type FeatureWindowInput,
  fromPriceResponse,
  fromRegimeResponse,
  fromWinResponse,
  toWireVector,
  toWireWindow,
} from './wire.js';

/** PEM material for TLS; with `cert` and `key` the client presents a certificate (mutual TLS). */
export interface ClientTls {
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

/** Options of `InferenceClient`. */
export interface InferenceClientOptions {
  /** `host:port` of the inference service. */
  readonly address: string;
  /** Deadline of every call unless the call gives its own, ms. */
  readonly timeoutMs: number;
  /** TLS material; absent = plaintext (loopback and tests only). */
  readonly tls?: ClientTls;
  /** Wall clock the deadlines are computed on (default the system clock: deadlines are real time, even in replays). */
  readonly clock?: Clock;
  readonly channelOptions?: ChannelOptions;
}

/** Per-call options: `timeoutMs` overrides the client's deadline. */
export interface CallSettings {
  readonly timeoutMs?: number;
}

/** The calls v7.3 makes, as `V73Advisor` needs them; `InferenceClient` implements it over gRPC. */
export interface InferencePort {
  predictPriceDistribution(
    symbol: string,
    window: FeatureWindowInput,
    settings?: CallSettings,
  ): Promise<ModelAnswer<PriceDistribution>>;
  predictWinProbability(
    symbol: string,
    features: FeatureVectorInput,
    settings?: CallSettings,
  ): Promise<ModelAnswer<WinProbability>>;
  detectRegime(
    symbol: string,
    window: FeatureWindowInput,
    settings?: CallSettings,
  ): Promise<ModelAnswer<RegimeEstimate>>;
}

const SERVICE = 'cryptosignal.v1.InferenceService';

type Unary<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => ClientUnaryCall;

/** Returns the channel credentials of `tls` (insecure without it). */
export function clientCredentials(tls: ClientTls | undefined): ChannelCredentials {
  if (!tls) return grpcCredentials.createInsecure();
  return grpcCredentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null);
}

/**
 * Typed client of `cryptosignal.v1.InferenceService` with a deadline on every call. Answers carry the model
 * version; every failure rejects with an `InferenceCallError` whose `reason` says how to record the fallback
 * (`unavailable`, `deadline_exceeded`, `model_missing`, `invalid_output`, `error`).
 */
export class InferenceClient implements InferencePort {
  readonly #client: InferenceServiceClient;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #address: string;

  constructor(options: InferenceClientOptions) {
    if (!(options.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${options.timeoutMs}`);
    this.#client = new InferenceServiceClient(
      options.address,
      clientCredentials(options.tls),
      options.channelOptions,
    );
    this.#clock = options.clock ?? new SystemClock();
    this.#timeoutMs = options.timeoutMs;
    this.#address = options.address;
  }

  /** Returns the Transformer's 1–4 h forecast for one window. Thrown (InferenceCallError) on any failure. */
  async predictPriceDistribution(symbol: string, window: FeatureWindowInput, settings?: CallSettings) {
    const m = this.#client.predictPriceDistribution.bind(this.#client);
    return fromPriceResponse(
      await this.#call('PredictPriceDistribution', m, { symbol, window: toWireWindow(window) }, settings),
    );
  }

  /** Returns XGBoost's P(profit) for one factor vector. Thrown (InferenceCallError) on any failure. */
  async predictWinProbability(symbol: string, features: FeatureVectorInput, settings?: CallSettings) {
    const m = this.#client.predictWinProbability.bind(this.#client);
    return fromWinResponse(
      await this.#call('PredictWinProbability', m, { symbol, features: toWireVector(features) }, settings),
    );
  }

  /** Returns the LSTM's regime for one window. Thrown (InferenceCallError) on any failure. */
  async detectRegime(symbol: string, window: FeatureWindowInput, settings?: CallSettings) {
    const m = this.#client.detectRegime.bind(this.#client);
    return fromRegimeResponse(
      await this.#call('DetectRegime', m, { symbol, window: toWireWindow(window) }, settings),
    );
  }

  /** Returns forecasts for many windows in one call, in order. Thrown (InferenceCallError) when the call fails. */
  async batchPredictPriceDistribution(
    items: readonly { symbol: string; window: FeatureWindowInput }[],
    settings?: CallSettings,
  ): Promise<ModelAnswer<PriceDistribution>[]> {
    const m = this.#client.batchPredictPriceDistribution.bind(this.#client);
    const requests = items.map((i) => ({ symbol: i.symbol, window: toWireWindow(i.window) }));
    return (await this.#call('BatchPredictPriceDistribution', m, { requests }, settings)).responses.map(
      fromPriceResponse,
    );
  }

  /** Returns P(profit) for many vectors in one call, in order. Thrown (InferenceCallError) when the call fails. */
  async batchPredictWinProbability(
    items: readonly { symbol: string; features: FeatureVectorInput }[],
    settings?: CallSettings,
  ): Promise<ModelAnswer<WinProbability>[]> {
    const m = this.#client.batchPredictWinProbability.bind(this.#client);
    const requests = items.map((i) => ({ symbol: i.symbol, features: toWireVector(i.features) }));
    return (await this.#call('BatchPredictWinProbability', m, { requests }, settings)).responses.map(
      fromWinResponse,
    );
  }

  /** Returns regimes for many windows in one call, in order. Thrown (InferenceCallError) when the call fails. */
  async batchDetectRegime(
    items: readonly { symbol: string; window: FeatureWindowInput }[],
    settings?: CallSettings,
  ): Promise<ModelAnswer<RegimeEstimate>[]> {
    const m = this.#client.batchDetectRegime.bind(this.#client);
    const requests = items.map((i) => ({ symbol: i.symbol, window: toWireWindow(i.window) }));
    return (await this.#call('BatchDetectRegime', m, { requests }, settings)).responses.map(
      fromRegimeResponse,
    );
  }

  /** Returns what the service reports about each model (version, sha256, readiness, device, input shape). */
  async listModels(settings?: CallSettings): Promise<ModelStatus[]> {
    const m = this.#client.listModels.bind(this.#client);
    return (await this.#call('ListModels', m, {}, settings)).models;
  }

  /** Closes the channel; calls in flight fail as `unavailable`. */
  close(): void {
    this.#client.close();
  }

  /** Calls `method` in a CLIENT span whose trace context travels in the call's metadata (W3C trace context). */
  #call<Req, Res>(
    rpc: string,
    method: Unary<Req, Res>,
    request: Req,
    settings: CallSettings | undefined,
  ): Promise<Res> {
    const timeoutMs = settings?.timeoutMs ?? this.#timeoutMs;
    const deadline = this.#clock.nowMs() + timeoutMs;
    const span = trace.getTracer('@cryptosignal/inference-client').startSpan(`${SERVICE}/${rpc}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'rpc.system': 'grpc',
        'rpc.service': SERVICE,
        'rpc.method': rpc,
        'server.address': this.#address,
      },
    });
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(carrier)) metadata.set(key, value);
    return new Promise((resolve, reject) => {
      method(request, metadata, { deadline }, (error, response) => {
        span.setAttribute('rpc.grpc.status_code', error ? error.code : GrpcStatus.OK);
        if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: GrpcStatus[error.code] });
        span.end();
        if (!error) return resolve(response);
        const name = GrpcStatus[error.code] ?? String(error.code);
        reject(
          new InferenceCallError(fallbackReasonOfStatus(error.code), name, error.details || error.message, {
            cause: error,
          }),
        );
      });
    });
  }
}
