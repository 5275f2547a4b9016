import type { Kline, SymbolId } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import { computeFactorSeries, computeMarketSeries } from '@cryptosignal/features';
import { describe, expect, it } from 'vitest';
import { FixedInputs } from '../../../src/domain/strategy-inputs.js';
import {
  CostBook,
  DEFAULT_COST_SETTINGS,
  DEFAULT_FACTOR_WEIGHTS,
  DEFAULT_GATE_THRESHOLDS,
  DEFAULT_PIPELINE_CONFIG,
  DEFAULT_TRADE_PLAN,
  type EngineSettings,
  PipelineEngine,
  Strategy,
} from '../../../src/index.js';
import { T0, trend } from '../../support/bars.js';

/** A strategy that makes every bar with a side a candidate and can never accept (minBars out of reach) unless told. */
function probe(minBars = 1_000_000): Strategy {
  const thresholds = { ...DEFAULT_GATE_THRESHOLDS, minBars };
  return new Strategy(
    {
      id: 'v72-fixed',
      version: 'probe',
      weights: DEFAULT_FACTOR_WEIGHTS,
      rules: { minConfidence: 0, cooldownHours: 0, maxHoldHours: 24 },
      tradePlan: { ...DEFAULT_TRADE_PLAN },
      entryLimitOffsetBps: undefined,
    },
    new FixedInputs(thresholds, new CostBook(DEFAULT_COST_SETTINGS, undefined)),
  );
}

const settings: EngineSettings = { ...DEFAULT_PIPELINE_CONFIG.engine, maxPendingBars: 6 };

function engine(strategy = probe(), s: Partial<EngineSettings> = {}) {
  return new PipelineEngine<string>({ ...settings, ...s }, [strategy]);
}

const btc = (n: number, start = T0) => trend('BTCUSDT', n, start, 0.002);
const eth = (n: number, start = T0) => trend('ETHUSDT', n, start, 0.004);

function evaluatedOf(e: PipelineEngine<string>, k: Kline) {
  const out = e.addKline(k, `${k.symbol}@${k.openTime}`);
  return out.kind === 'accepted' ? out.evaluated : [];
}

type Result = ReturnType<typeof evaluatedOf>[number];

/**
 * Feeds `hours` hours: the ETH bar of each hour (when present) before the BTC bar (when present), calling
 * `beforeHour(i)` first; returns ETH's evaluated bars by hour index.
 */
function replay(
  e: PipelineEngine<string>,
  x: readonly Kline[],
  b: readonly Kline[],
  hours: number,
  beforeHour: (i: number, results: ReadonlyMap<number, Result>) => void = () => undefined,
): Map<number, Result> {
  const ethAt = new Map(x.map((k) => [k.openTime as number, k]));
  const btcAt = new Map(b.map((k) => [k.openTime as number, k]));
  const results = new Map<number, Result>();
  const keep = (rs: readonly Result[]) => {
    for (const r of rs)
      if (r.snapshot.symbol === 'ETHUSDT') results.set((r.snapshot.openTime - T0) / HOUR_MS, r);
  };
  for (let i = 0; i < hours; i += 1) {
    beforeHour(i, results);
    const k = ethAt.get(T0 + i * HOUR_MS);
    if (k) keep(evaluatedOf(e, k));
    const r = btcAt.get(T0 + i * HOUR_MS);
    if (r) keep(evaluatedOf(e, r));
  }
  return results;
}

const gate1Of = (r: Result | undefined) => r?.decisions[0]?.verdict.decisions[0];

describe('pipeline engine: market reference, buffering and Gate1 inputs', () => {
  it('holds a bar until the reference hour is known, then equals the batch form', () => {
    const e = engine();
    const b = btc(300);
    const x = eth(300);
    const streamed = [];
    for (let i = 0; i < 300; i += 1) {
      const early = evaluatedOf(e, x[i] as Kline);
      expect(early).toEqual([]);
      const unblocked = evaluatedOf(e, b[i] as Kline);
      expect(unblocked.map((r) => r.tag).sort()).toEqual([
        `BTCUSDT@${b[i]?.openTime}`,
        `ETHUSDT@${x[i]?.openTime}`,
      ]);
      streamed.push(unblocked.find((r) => r.snapshot.symbol === 'ETHUSDT')?.snapshot);
    }
    const market = computeMarketSeries({ perp: b });
    expect(streamed).toStrictEqual(computeFactorSeries({ symbol: 'ETHUSDT' as SymbolId, klines: x, market }));
  });

  it('BTC missing for an hour: a later BTC bar proves it missing, I and the regime are unavailable, gate3 passes unseen', () => {
    const results = replay(
      engine(),
      eth(300),
      btc(300).filter((_, i) => i !== 250),
      300,
    );
    expect(results.size).toBe(300);
    const missing = results.get(250);
    expect(missing?.tag).toBe(`ETHUSDT@${T0 + 250 * HOUR_MS}`);
    expect(missing?.snapshot.missingReasons).toMatchObject({ I: 'no_market', marketRegime: 'no_market' });
    expect(missing?.decisions[0]?.verdict.decisions[2]).toMatchObject({
      reason: 'MARKET_UNAVAILABLE',
      passed: true,
    });
    expect(results.get(249)?.snapshot.I).toBeDefined();
    expect(results.get(249)?.decisions[0]?.verdict.decisions[2]?.reason).not.toBe('MARKET_UNAVAILABLE');
  });

  it('gate1: a symbol with fewer than 100 bars is rejected with INSUFFICIENT_BARS until its 100th bar', () => {
    const results = replay(engine(probe(100)), eth(130), btc(130), 130);
    expect(gate1Of(results.get(60))).toMatchObject({ reason: 'INSUFFICIENT_BARS', observed: 61 });
    expect(gate1Of(results.get(98))).toMatchObject({ reason: 'INSUFFICIENT_BARS', observed: 99 });
    expect(gate1Of(results.get(99))).toMatchObject({ reason: 'OK', observed: 100 });
  });

  it('gate1: a gap inside the window rejects with GAP_IN_WINDOW until 100 bars follow it', () => {
    const x = eth(400).filter((_, i) => i < 200 || i >= 205);
    const results = replay(engine(probe(100)), x, btc(400), 400);
    expect(gate1Of(results.get(199))?.reason).toBe('OK');
    expect(results.get(202)).toBeUndefined();
    expect(gate1Of(results.get(260))?.reason).toBe('GAP_IN_WINDOW');
    expect(gate1Of(results.get(303))?.reason).toBe('GAP_IN_WINDOW');
    expect(gate1Of(results.get(304))?.reason).toBe('OK');
    expect(results.get(205)?.snapshot.missingReasons.T).toBe('gap');
  });

  it('evaluates the oldest bar without the reference once the pending limit is reached', () => {
    const e = engine(probe(), { maxPendingBars: 2 });
    const x = eth(5);
    expect(evaluatedOf(e, x[0] as Kline)).toEqual([]);
    expect(evaluatedOf(e, x[1] as Kline)).toEqual([]);
    const forced = evaluatedOf(e, x[2] as Kline);
    expect(forced.map((r) => [r.tag, r.forcedWithoutReference])).toEqual([[`ETHUSDT@${T0}`, true]]);
    expect(forced[0]?.snapshot.missingReasons.marketRegime).toBe('no_market');
  });

  it('does not evaluate a redelivered bar again, and ignores bars it does not trade', () => {
    const e = engine();
    const [b0] = btc(1);
    const [x0] = eth(1);
    evaluatedOf(e, x0 as Kline);
    expect(evaluatedOf(e, b0 as Kline)).toHaveLength(2);
    expect(e.addKline(x0 as Kline, 'again')).toEqual({ kind: 'duplicate' });
    const spot = { ...(x0 as Kline), market: 'spot' as const };
    expect(e.addKline(spot, 'spot')).toEqual({ kind: 'ignored' });
    expect(e.addKline({ ...(x0 as Kline), interval: '1m' }, 'minute')).toEqual({ kind: 'ignored' });
  });

  it('refuses an inconsistent bar with the message that carried it', () => {
    const e = engine();
    const [x0] = eth(1);
    expect(() => e.addKline({ ...(x0 as Kline), high: 1 }, 'bad')).toThrow(/OHLC inconsistent/);
    expect(() => e.addKline({ ...(x0 as Kline), openTime: (T0 + 1) as never }, 'bad')).toThrow(/grid/);
  });

  it('uses trade flow for CVD when the windows cover the whole hour', () => {
    const e = engine();
    const [x0] = eth(1);
    const sym = 'ETHUSDT' as SymbolId;
    for (let m = 0; m < 60; m += 1)
      e.addTradeFlow(sym, 'perp', {
        windowStartMs: T0 + m * 60_000,
        windowEndMs: T0 + (m + 1) * 60_000,
        buyVolume: 2,
        sellVolume: 1,
      });
    e.addTradeFlow(sym, 'perp', {
      windowStartMs: T0,
      windowEndMs: T0 + 60_000,
      buyVolume: 50,
      sellVolume: 0,
    });
    evaluatedOf(e, x0 as Kline);
    const [first] = evaluatedOf(e, btc(1)[0] as Kline).filter((r) => r.snapshot.symbol === 'ETHUSDT');
    expect(first?.snapshot.cvdSource).toBe('trades');
    expect(first?.snapshot.extras.volumeImbalance).toBeCloseTo(60 / 180, 12);
  });

  it('frees a symbol when the close report of its signal arrives, after its exit hour', () => {
    const e = engine(probe(1));
    let first: Result | undefined;
    const results = replay(e, eth(200), btc(200), 200, (i, sofar) => {
      first ??= [...sofar.values()].find((r) => r.decisions[0]?.verdict.accepted);
      const open = first ? (first.snapshot.openTime - T0) / HOUR_MS : -1;
      if (first && i === open + 3) e.tradeClosed(first.decisions[0]!.signalId, T0 + i * HOUR_MS + 1_800_000);
    });
    const accepted = [...results.entries()]
      .filter(([, r]) => r.decisions[0]?.verdict.accepted)
      .map(([i]) => i);
    const [a, b, c] = accepted as [number, number, number];
    expect(b).toBe(a + 4);
    expect(c).toBe(b + 25);
  });
});
