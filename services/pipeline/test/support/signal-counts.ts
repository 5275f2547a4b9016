import type { SignalPublished, SignalRejected, SignalSnapshot } from '@cryptosignal/contracts';

/** Counts of one strategy version over a replay. */
export interface StrategyCounts {
  published: number;
  long: number;
  short: number;
  /** Rejections by the first gate that rejected. */
  rejectedBy: Record<string, number>;
  /** Candidates each gate failed (a candidate may fail several gates). */
  gateFailed: Record<string, number>;
  /** Candidates on which each factor was unavailable. */
  unavailable: Record<string, number>;
}

const empty = (): StrategyCounts => ({
  published: 0,
  long: 0,
  short: 0,
  rejectedBy: {},
  gateFailed: {},
  unavailable: {},
});
const bump = (r: Record<string, number>, k: string) => {
  r[k] = (r[k] ?? 0) + 1;
};

function add(c: StrategyCounts, s: SignalSnapshot, rejectedBy: string | undefined): void {
  if (rejectedBy !== undefined) bump(c.rejectedBy, rejectedBy);
  else {
    c.published += 1;
    if (s.side === 1) c.long += 1;
    else c.short += 1;
  }
  for (const g of s.gates) if (!g.passed) bump(c.gateFailed, g.name);
  for (const f of s.factors?.unavailable ?? []) bump(c.unavailable, f);
}

/** Returns the counts of every strategy version in the published and rejected events. */
export function countSignals(
  published: readonly SignalPublished[],
  rejected: readonly SignalRejected[],
): Record<string, StrategyCounts> {
  const out: Record<string, StrategyCounts> = {};
  const into = (s: SignalSnapshot, rejectedBy: string | undefined) => {
    out[s.strategyVersion] ??= empty();
    add(out[s.strategyVersion] as StrategyCounts, s, rejectedBy);
  };
  for (const e of published) into(e.snapshot as SignalSnapshot, undefined);
  for (const e of rejected) into(e.snapshot as SignalSnapshot, e.rejection?.gate ?? 'unknown');
  return out;
}
