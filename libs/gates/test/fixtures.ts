import type { GateInputs, GateName, GateTradeRecord, Outcome } from '../src/index.js';

let nextId = 0;

/** Builds a trade record with neutral gate inputs, overridden where a test cares. */
export function rec(
  over: Partial<Omit<GateTradeRecord, 'gateInputs'>> & {
    inputs?: Partial<GateInputs>;
    rejectedBy?: GateName[];
  } = {},
): GateTradeRecord {
  const pnlPct = over.pnlPct ?? 0;
  const outcome: Outcome = over.outcome ?? (pnlPct > 0 ? 'win' : pnlPct < 0 ? 'loss' : 'breakeven');
  return {
    signalId: over.signalId ?? `rec-${nextId++}`,
    gateInputs: {
      fDir: 0,
      independence: 50,
      marketRegime: 0,
      side: 'long',
      bars: 200,
      predictedEv: 0.001,
      ...over.inputs,
    },
    pnlPct,
    outcome,
    closeMs: over.closeMs ?? Date.UTC(2024, 0, 1),
    shadow: over.shadow ?? (over.rejectedBy?.length ?? 0) > 0,
    rejectedBy: over.rejectedBy ?? [],
  };
}

export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 1);
