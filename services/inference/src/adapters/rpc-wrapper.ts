import type { ModelKind } from '@cryptosignal/inference-client';
import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import {
  status as GrpcStatus,
  type handleUnaryCall,
  Metadata,
  type ServerUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';
import { RpcError } from '../domain/rpc-error.js';
import type { InferenceMetrics } from '../metrics.js';
import type { BatchCall } from '../models/micro-batcher.js';

/** What the wrapper records and logs with, and its clock (wall time: deadlines are wall time). */
export interface RpcWrapperDeps {
  readonly metrics: InferenceMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
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
 * (with the model label when the RPC serves one model).
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
    const record = (code: GrpcStatus) => {
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
    handle(call.request, { deadlineMs, signal: abort.signal }).then(
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
