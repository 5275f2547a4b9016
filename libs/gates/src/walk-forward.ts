import { DAY_MS } from '@cryptosignal/domain';
import type { GateSweepSpec } from './gate-specs.js';
import type { GateName, GateTradeRecord } from './records.js';
import { eligibleRecords, sweepGate } from './sweep.js';
import { type ThresholdRow, thresholdRow } from './threshold-stats.js';

/** Window lengths of a walk-forward, ms. `stepMs` (default testMs) must be ≥ testMs so test windows never overlap. */
export interface WalkForwardOptions {
  readonly trainMs: number;
  readonly testMs: number;
  readonly stepMs?: number;
}

/** Out-of-sample statistics of the trades a gate KEPT (see ThresholdRow, without a single threshold). */
export type OosStats = Omit<ThresholdRow, 'threshold'>;

/** One fold: the threshold chosen on the train window and how it and the initial one did on the test window. */
export interface WalkForwardFold {
  readonly train_from_ms: number;
  readonly train_to_ms: number;
  readonly test_from_ms: number;
  readonly test_to_ms: number;
  readonly chosen_threshold: number;
  /** 'current_fallback' when no threshold qualified on the train window and the current one was kept. */
  readonly chosen_by: 'sweep' | 'current_fallback';
  readonly chosen: OosStats;
  readonly initial: OosStats;
}

/** Walk-forward result: every fold, and the pooled out-of-sample figures of the chosen vs initial thresholds. */
export interface WalkForwardResult {
  readonly gate: GateName;
  readonly current_threshold: number;
  readonly folds: readonly WalkForwardFold[];
  readonly out_of_sample: { readonly chosen: OosStats; readonly initial: OosStats } | null;
}

function stats(trades: readonly GateTradeRecord[], fromMs: number, toMs: number): OosStats {
  const { threshold: _omit, ...rest } = thresholdRow(0, trades, { fromMs, toMs });
  return rest;
}

/** Returns the index of the first record of `sorted` (ascending close time) closed at or after `ms`. */
function firstClosedAt(sorted: readonly GateTradeRecord[], ms: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.closeMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkOptions(o: WalkForwardOptions): number {
  const stepMs = o.stepMs ?? o.testMs;
  if (!(o.trainMs > 0 && o.testMs > 0 && stepMs >= o.testMs))
    throw new RangeError(
      `need trainMs > 0, testMs > 0 and stepMs ≥ testMs, got ${o.trainMs}, ${o.testMs}, ${stepMs}`,
    );
  return stepMs;
}

/**
 * Runs a rolling walk-forward of a gate threshold: windows of `trainMs` then `testMs` (by close time, half-open
 * [from, to), starting at the UTC day of the first eligible close, advancing by `stepMs`); on each train window
 * the sweep picks a threshold (the current one when none qualifies), then on the following test window the
 * trades the gate KEEPS at that threshold and at the initial threshold are evaluated side by side. Only trades
 * closed inside a window are used for its choice, so nothing after the train window leaks into it.
 * Thrown when the window lengths are not positive or stepMs < testMs.
 */
export function walkForward(
  spec: GateSweepSpec,
  records: readonly GateTradeRecord[],
  options: WalkForwardOptions,
): WalkForwardResult {
  const stepMs = checkOptions(options);
  const eligible = eligibleRecords(spec, records).sort((a, b) => a.closeMs - b.closeMs);
  const folds: WalkForwardFold[] = [];
  const pooledChosen: GateTradeRecord[] = [];
  const pooledInitial: GateTradeRecord[] = [];
  if (eligible.length > 0) {
    const start = Math.floor(eligible[0]!.closeMs / DAY_MS) * DAY_MS;
    const last = eligible[eligible.length - 1]!.closeMs;
    const inWindow = (a: number, b: number) =>
      eligible.slice(firstClosedAt(eligible, a), firstClosedAt(eligible, b));
    for (let trainFrom = start; trainFrom + options.trainMs <= last; trainFrom += stepMs) {
      const trainTo = trainFrom + options.trainMs;
      const testTo = trainTo + options.testMs;
      const optimal = sweepGate(spec, inWindow(trainFrom, trainTo)).optimal_threshold;
      const chosenThreshold = optimal ?? spec.currentThreshold;
      const test = inWindow(trainTo, testTo);
      const chosen = test.filter((r) => spec.passes(r, chosenThreshold));
      const initial = test.filter((r) => spec.passes(r, spec.currentThreshold));
      pooledChosen.push(...chosen);
      pooledInitial.push(...initial);
      folds.push({
        train_from_ms: trainFrom,
        train_to_ms: trainTo,
        test_from_ms: trainTo,
        test_to_ms: testTo,
        chosen_threshold: chosenThreshold,
        chosen_by: optimal === null ? 'current_fallback' : 'sweep',
        chosen: stats(chosen, trainTo, testTo - 1),
        initial: stats(initial, trainTo, testTo - 1),
      });
    }
  }
  const first = folds[0];
  const lastFold = folds[folds.length - 1];
  return {
    gate: spec.gate,
    current_threshold: spec.currentThreshold,
    folds,
    out_of_sample:
      first && lastFold
        ? {
            chosen: stats(pooledChosen, first.test_from_ms, lastFold.test_to_ms - 1),
            initial: stats(pooledInitial, first.test_from_ms, lastFold.test_to_ms - 1),
          }
        : null,
  };
}
