import { type ErrorCode, RetryableError } from '@cryptosignal/runtime';
import { status as GrpcStatus } from '@grpc/grpc-js';

/**
 * Why an answer came from the v7.2 rules instead of a model: the closed `reason` label of docs/telemetry.md.
 * `insufficient_history` is the caller's own: the model's input window could not be built (fewer consecutive hours
 * of features than the window needs, e.g. after a restart), so no model was asked.
 */
export const FALLBACK_REASONS = [
  'unavailable',
  'deadline_exceeded',
  'error',
  'invalid_output',
  'model_missing',
  'insufficient_history',
] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/** The answer of the rules: no model was used, and why. `model` is `{ name: 'rules', version: 'rules' }`. */
export interface RulesFallback {
  readonly source: 'rules';
  readonly reason: FallbackReason;
  /** What failed, for logs and the signal snapshot's `fallback_reason` (never a metric label). */
  readonly detail: string;
  readonly model: { readonly name: 'rules'; readonly version: 'rules' };
}

/** The model ref written when the rules answered. */
export const RULES_MODEL = Object.freeze({ name: 'rules', version: 'rules' } as const);

/** Returns the fallback answer for `reason`. */
export function rulesFallback(reason: FallbackReason, detail: string): RulesFallback {
  return { source: 'rules', reason, detail, model: RULES_MODEL };
}

const CODE_OF_REASON: Readonly<Record<FallbackReason, ErrorCode>> = {
  unavailable: 'UPSTREAM_UNAVAILABLE',
  deadline_exceeded: 'DEADLINE_EXCEEDED',
  error: 'UPSTREAM_UNAVAILABLE',
  invalid_output: 'MODEL_INVALID',
  model_missing: 'MODEL_INVALID',
  insufficient_history: 'DEPENDENCY_NOT_READY',
};

/**
 * A failed inference call, classified by what the caller should record: the fallback `reason` and, when the
 * server answered, the gRPC status name (`UNAVAILABLE`, `INVALID_ARGUMENT`, …). Retryable from the caller's point
 * of view: the next bar may be served.
 */
export class InferenceCallError extends RetryableError {
  constructor(
    readonly reason: FallbackReason,
    readonly grpcStatus: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(CODE_OF_REASON[reason], message, options);
  }
}

/**
 * Returns the fallback reason of a gRPC status code: UNAVAILABLE (and CANCELLED, a dropped connection) →
 * `unavailable`, DEADLINE_EXCEEDED → `deadline_exceeded`, FAILED_PRECONDITION (the model is not loaded) →
 * `model_missing`, anything else → `error`.
 */
export function fallbackReasonOfStatus(code: number): FallbackReason {
  switch (code) {
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.CANCELLED:
      return 'unavailable';
    case GrpcStatus.DEADLINE_EXCEEDED:
      return 'deadline_exceeded';
    case GrpcStatus.FAILED_PRECONDITION:
      return 'model_missing';
    default:
      return 'error';
  }
}

/** Returns the reason and detail of any error thrown by an inference call (an unknown error is `error`). */
export function classifyInferenceError(error: unknown): { reason: FallbackReason; detail: string } {
  if (error instanceof InferenceCallError) return { reason: error.reason, detail: error.message };
  return { reason: 'error', detail: error instanceof Error ? error.message : String(error) };
}

/** Counts fallbacks per reason, and the attempts they are a share of. */
export class FallbackCounter {
  #attempts = 0;
  readonly #byReason = new Map<FallbackReason, number>(FALLBACK_REASONS.map((r) => [r, 0]));

  /** Records one attempt to use the models. */
  attempt(): void {
    this.#attempts += 1;
  }

  /** Records one fallback. */
  fallback(reason: FallbackReason): void {
    this.#byReason.set(reason, (this.#byReason.get(reason) ?? 0) + 1);
  }

  /** Returns the attempts and the fallbacks by reason so far. */
  snapshot(): { attempts: number; fallbacks: Readonly<Record<FallbackReason, number>> } {
    return {
      attempts: this.#attempts,
      fallbacks: Object.fromEntries(this.#byReason) as Record<FallbackReason, number>,
    };
  }
}
