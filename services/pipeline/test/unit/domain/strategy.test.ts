import { LatestCalibrationTable } from '@cryptosignal/calibration';
import type { SymbolId, UnixMs } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import type { FactorSnapshot } from '@cryptosignal/features';
import { describe, expect, it } from 'vitest';
import { AdaptiveInputs, FixedInputs } from '../../../src/domain/strategy-inputs.js';
import {
  CostBook,
  calibrationFromWire,
  DEFAULT_CANDIDATE_RULES,
  DEFAULT_COST_SETTINGS,
  DEFAULT_FACTOR_WEIGHTS,
  DEFAULT_GATE_THRESHOLDS,
  DEFAULT_TRADE_PLAN,
  GateSettings,
  Strategy,
  type StrategySettings,
} from '../../../src/index.js';
import { bar, T0 } from '../../support/bars.js';
import { bucketTableEvent } from '../../support/config-events.js';

const settings: StrategySettings = {
  id: 'v72',
  version: '7.2.0',
  weights: DEFAULT_FACTOR_WEIGHTS,
  rules: DEFAULT_CANDIDATE_RULES,
  tradePlan: { ...DEFAULT_TRADE_PLAN },
  entryLimitOffsetBps: undefined,
};

/** A snapshot of ETHUSDT at hour `i` with every directional factor at `score` unless overridden. */
function snap(i: number, over: Partial<FactorSnapshot> = {}, score = 80): FactorSnapshot {
  return {
    symbol: 'ETHUSDT' as SymbolId,
    openTime: (T0 + i * HOUR_MS) as UnixMs,
    price: 100,
    T: score,
    M: score,
    C: score,
    V: score,
    O: score,
    B: score,
    F_v2: score,
    I: 60,
    marketRegime: 10,
    atr: 0.5,
    missing: [],
    missingReasons: {},
    cvdSource: 'clv_proxy',
    cvdWindowSource: 'clv_proxy',
    extras: {},
    ...over,
  };
}

function fixed(s: Partial<StrategySettings> = {}): Strategy {
  return new Strategy(
    { ...settings, ...s },
    new FixedInputs(DEFAULT_GATE_THRESHOLDS, new CostBook(DEFAULT_COST_SETTINGS, undefined)),
  );
}

const evaluate = (strategy: Strategy, i: number, over: Partial<FactorSnapshot> = {}, score = 80) =>
  strategy.evaluate({
    kline: bar('ETHUSDT', T0 + i * HOUR_MS, { close: 100 }),
    snapshot: snap(i, over, score),
    bars: 500,
    afterGap: false,
  });

describe('strategy: candidates and gates at the service level', () => {
  it('makes a bar a candidate only from confidence 60 and while the symbol is free', () => {
    const s = fixed();
    expect(evaluate(s, 0, {}, 59.9)).toBeUndefined();
    const d = evaluate(s, 0, {}, 60);
    expect(d?.verdict.accepted).toBe(true);
    expect(d?.signalId).toMatch(/^[0-9a-f]{32}$/);
    expect(evaluate(s, 1)).toBeUndefined();
    expect(evaluate(s, 25)).toBeUndefined();
    expect(evaluate(s, 29)?.verdict.accepted).toBe(true);
  });

  it('gate2: F_dir exactly -15 passes for a long and a short; just below is rejected', () => {
    expect(evaluate(fixed(), 0, { F_v2: -15 })?.verdict.decisions[1]?.reason).toBe('OK');
    expect(evaluate(fixed(), 0, { F_v2: 15 }, -80)?.verdict.decisions[1]).toMatchObject({
      reason: 'OK',
      observed: -15,
    });
    const d = evaluate(fixed(), 0, { F_v2: -15.0001 });
    expect(d?.verdict.rejectedBy).toMatchObject({ gate: 'gate2_f', reason: 'F_BELOW_THRESHOLD' });
  });

  it('gate3: I exactly 30 against the market passes; 29.99 is rejected; an unavailable I passes unseen', () => {
    expect(evaluate(fixed(), 0, { I: 30, marketRegime: -50 })?.verdict.accepted).toBe(true);
    const d = evaluate(fixed(), 0, { I: 29.99, marketRegime: -50 });
    expect(d?.verdict.rejectedBy).toMatchObject({
      gate: 'gate3_market',
      reason: 'COUNTER_TREND',
      observed: 29.99,
    });
    const m = evaluate(fixed(), 0, { I: undefined, marketRegime: undefined, missing: ['I', 'marketRegime'] });
    expect(m?.verdict.decisions[2]).toMatchObject({
      reason: 'MARKET_UNAVAILABLE',
      passed: true,
      observed: undefined,
    });
  });

  it('gate4: EV_net exactly 0 (P = 0.4 from a calibration table, TP 3 %, SL 2 %, no cost) is rejected', () => {
    const calibration = new LatestCalibrationTable();
    const costs = new CostBook(
      { ...DEFAULT_COST_SETTINGS, fallbackEntryBps: 0, assumedFundingRatePer8h: 0 },
      'global',
    );
    const inputs = new AdaptiveInputs(
      new GateSettings(DEFAULT_GATE_THRESHOLDS, 'global'),
      calibration,
      costs,
    );
    const plan = { ...DEFAULT_TRADE_PLAN, tpFloor: 0.03, slFloor: 0.02, tpAtrMultiple: 0, slAtrMultiple: 0 };
    const s = new Strategy({ ...settings, tradePlan: plan }, inputs);
    calibration.offer(calibrationFromWire(bucketTableEvent(40, 1)));
    const d = evaluate(s, 0);
    expect(d?.evNet).toBe(0);
    expect(d?.probability).toMatchObject({ p: 0.4, source: 'bucket' });
    expect(d?.verdict.rejectedBy).toMatchObject({
      gate: 'gate4_cost',
      reason: 'EV_NOT_POSITIVE',
      observed: 0,
    });
    calibration.offer(calibrationFromWire(bucketTableEvent(41, 2)));
    expect(evaluate(s, 1)?.verdict.accepted).toBe(true);
  });

  it('computes EV_net on the round trip: 2 x entry cost + expected funding over the hold', () => {
    const d = evaluate(fixed(), 0);
    expect(d?.cost).toMatchObject({ entryBps: 6, source: 'fallback', fundingSource: 'assumed' });
    expect(d?.cost.fundingBps).toBeCloseTo(3, 12);
    expect(d?.cost.roundTripBps).toBeCloseTo(15, 12);
    const p = d!.probability.p;
    expect(d?.evNet).toBeCloseTo(p * 0.025 - (1 - p) * 0.015 - 0.0015, 15);
  });
});
