import type { ModelKind } from '@cryptosignal/inference-client';
import type { Clock } from '@cryptosignal/runtime';
import { extractTraceContext, type Logger } from '@cryptosignal/telemetry';
import {
  status as GrpcStatus,
  type handleUnaryCall,
  Metadata,
  type ServerUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';
import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { RpcError } from '../domain/rpc-error.js';
import type { InferenceMetrics } from '../metrics.js';
import type { BatchCall } from '../models/micro-batcher.js';

/** What the wrapper records and logs with, and its clock (wall time: deadlines are wall time). */
export interface RpcWrapperDeps {
  readonly metrics: InferenceMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** The fully-qualified gRPC service name, for span names and attributes. */
const SERVICE = 'cryptosignal.v1.InferenceService';
const tracer = () => trace.getTracer('@cryptosignal/inference');

/** Starts the SERVER span of a call, child of the trace context the caller sent in its metadata. */
function serverSpan(rpc: string, call: ServerUnaryCall<unknown, unknown>): Span {
  const parent = extractTraceContext(call.metadata.getMap());
  return tracer().startSpan(
    `${SERVICE}/${rpc}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'rpc.system': 'grpc', 'rpc.service': SERVICE, 'rpc.method': rpc },
    },
    parent,
  );
}

function serviceError(code: GrpcStatus, details: string): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}

function deadlineMsOf(call: ServerUnaryCall<unknown, unknown>): number | undefined {
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Returns the gRPC status of what a handler threw: an RpcError's own status (CANCELLED becomes DEADLINE_EXCEEDED
 * once the deadline has passed, since that is why grpc-js cancelled the call); INTERNAL for anything else, whose
 * details are not sent to the caller.
 */
function statusOf(error: unknown, expired: boolean): { code: GrpcStatus; details: string } {
  if (!(error instanceof RpcError)) return { code: GrpcStatus.INTERNAL, details: 'internal error' };
  if (error.status === 'CANCELLED' && expired) {
    return { code: GrpcStatus.DEADLINE_EXCEEDED, details: 'deadline exceeded' };
  }
  return { code: GrpcStatus[error.status], details: error.message };
}

/**
 * Returns the grpc-js handler of one unary RPC: the one place where calls meet the service. It refuses a call
 * whose deadline has already passed without running it, hands the handler the call's deadline and an AbortSignal
 * fired when grpc-js cancels the call (client gone or deadline reached), maps whatever the handler throws to a
 * gRPC status (INTERNAL is logged at error level), and records `request_duration_seconds` and `requests_total`
 * (with the model label when the RPC serves one model) and a SERVER span `cryptosignal.v1.InferenceService/<rpc>`
 * continuing the caller's trace (W3C trace context in the gRPC metadata).
 */
export function wrapUnary<Req, Res>(
  rpc: string,
  model: ModelKind | undefined,
  handle: (request: Req, call: BatchCall) => Promise<Res>,
  deps: RpcWrapperDeps,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const startedMs = performance.now();
    const deadlineMs = deadlineMsOf(call);
    const expired = () => deadlineMs !== undefined && deadlineMs <= deps.clock.nowMs();
    const span = serverSpan(rpc, call);
    const record = (code: GrpcStatus) => {
      span.setAttribute('rpc.grpc.status_code', code);
      if (code !== GrpcStatus.OK) span.setStatus({ code: SpanStatusCode.ERROR, message: GrpcStatus[code] });
      span.end();
      if (model === undefined) return;
      deps.metrics.requests.inc({ model, rpc, code: GrpcStatus[code] });
      deps.metrics.requestDuration.observe({ model, rpc }, (performance.now() - startedMs) / 1000);
    };
    if (expired()) {
      record(GrpcStatus.DEADLINE_EXCEEDED);
      callback(serviceError(GrpcStatus.DEADLINE_EXCEEDED, 'deadline exceeded before the call was handled'));
      return;
    }
    const abort = new AbortController();
    call.on('cancelled', () => abort.abort());
    handle(call.request, { deadlineMs, signal: abort.signal, span: span.spanContext() }).then(
      (response) => {
        record(GrpcStatus.OK);
        callback(null, response);
      },
      (error: unknown) => {
        const { code, details } = statusOf(error, expired());
        if (code === GrpcStatus.INTERNAL) deps.logger.error({ rpc, err: error }, 'rpc failed');
        record(code);
        callback(serviceError(code, details));
      },
    );
  };
}
