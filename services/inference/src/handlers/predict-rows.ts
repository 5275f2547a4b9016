import type { ModelKind, ModelRefValue } from '@cryptosignal/inference-client';
import { type ModelInput, modelRowOf } from '../domain/model-input.js';
import type { RowOutputs } from '../domain/model-output.js';
import { RpcError } from '../domain/rpc-error.js';
import type { BatchCall } from '../models/micro-batcher.js';
import type { PredictDeps } from './deps.js';

/** One prediction request: the symbol (for logs and traces) and the model input. */
export interface PredictRequest {
  readonly symbol: string;
  readonly input: ModelInput;
}

/** One prediction and the model version that made it. */
export interface Prediction<T> {
  readonly value: T;
  readonly model: ModelRefValue;
}

/**
 * Returns the `kind` model's predictions for `requests`, in order: every input is checked against the model in
 * service, then all rows go to the kind's micro-batcher together, and each row's outputs are read with `read`.
 * Thrown (RpcError) FAILED_PRECONDITION when no model is in service, INVALID_ARGUMENT naming the first bad input
 * (`requests[i]: …` for a batch), and as `MicroBatcher.submit` otherwise.
 */
export async function predictRows<T>(
  deps: PredictDeps,
  kind: ModelKind,
  requests: readonly PredictRequest[],
  call: BatchCall,
  read: (row: RowOutputs) => T,
): Promise<Prediction<T>[]> {
  const model = deps.registry.current(kind);
  if (!model) throw new RpcError('FAILED_PRECONDITION', `no ${kind} model is loaded`);
  const { contract } = model;
  const rows = requests.map((r, i) =>
    modelRowOf(r.input, contract, requests.length > 1 ? `requests[${i}]` : 'input'),
  );
  const results = await deps.batchers[kind].submit(rows, contract.featureSpec, call);
  return results.map((r) => ({
    value: read(r.outputs),
    model: { name: r.model.name, version: r.model.version },
  }));
}
