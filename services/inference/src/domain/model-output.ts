import {
  type PriceDistribution,
  REGIME_CLASSES,
  type RegimeEstimate,
  type RegimeName,
  type WinProbability,
} from '@cryptosignal/inference-client';
import { RpcError } from './rpc-error.js';

/** One row of a model's outputs, by output name (each the row's slice of the batch output). */
export type RowOutputs = Readonly<Record<string, Float32Array>>;

function output(row: RowOutputs, name: string, length: number): Float32Array {
  const out = row[name];
  if (!out || out.length !== length) {
    throw new RpcError('INTERNAL', `model output ${name} has ${out?.length ?? 0} values, ${length} expected`);
  }
  return out;
}

/** Returns the Transformer row as horizons 1..4 h (`mean`, `std` of the log return). Thrown (RpcError INTERNAL) on a misshapen output. */
export function priceDistributionOf(row: RowOutputs): PriceDistribution {
  const mean = output(row, 'mean', 4);
  const std = output(row, 'std', 4);
  return {
    horizons: [0, 1, 2, 3].map((i) => ({
      horizonHours: i + 1,
      meanReturn: mean[i] as number,
      stdReturn: std[i] as number,
    })),
  };
}

/** Returns the XGBoost row as P(profit). Thrown (RpcError INTERNAL) on a misshapen output. */
export function winProbabilityOf(row: RowOutputs): WinProbability {
  return { pProfit: output(row, 'probability', 1)[0] as number };
}

/**
 * Returns the LSTM row as the most probable regime (first of equals, in class order) and every class's
 * probability. Thrown (RpcError INTERNAL) on a misshapen output.
 */
export function regimeEstimateOf(row: RowOutputs): RegimeEstimate {
  const p = output(row, 'probabilities', REGIME_CLASSES.length);
  let best = 0;
  for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[best] as number)) best = i;
  const probabilities = Object.fromEntries(REGIME_CLASSES.map((c, i) => [c, p[i] as number])) as Record<
    RegimeName,
    number
  >;
  return { regime: REGIME_CLASSES[best] as RegimeName, probabilities };
}
