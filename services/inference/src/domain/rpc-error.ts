/**
 * The gRPC status names the service answers with, besides OK. Handlers and the batcher throw `RpcError` with one
 * of them; the RPC wrapper (adapters/rpc-wrapper.ts) is the one place that turns them into gRPC statuses.
 */
export type RpcStatus =
  | 'INVALID_ARGUMENT'
  | 'FAILED_PRECONDITION'
  | 'DEADLINE_EXCEEDED'
  | 'CANCELLED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** A request the service answers with a non-OK status; `message` goes to the caller as the status details. */
export class RpcError extends Error {
  constructor(
    readonly status: RpcStatus,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RpcError';
  }
}
