import type { FundingRate, Kline, SymbolId } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BarTag } from '../../../src/handlers/context.js';
import { createPipelineCore, DEFAULT_PIPELINE_CONFIG, type SignalDecision } from '../../../src/index.js';
import { testDeps } from '../../support/fakes.js';
import { loadShippedMarket } from '../../support/shipped.js';
import { snapshotDigest } from '../../support/snapshot-digest.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as SymbolId[];
const HOURS = 480;

interface Series {
  readonly bars: ReadonlyMap<SymbolId, readonly Kline[]>;
  readonly funding: readonly FundingRate[];
}

const decisionText = (d: SignalDecision) => JSON.stringify({ ...d, snapshot: snapshotDigest(d.snapshot) });

/** Runs the service's evaluation path (engine + both strategies, default config at confidence 50) hour by hour. */
function evaluate(s: Series): Map<string, string> {
  const config = {
    ...DEFAULT_PIPELINE_CONFIG,
    rules: { ...DEFAULT_PIPELINE_CONFIG.rules, minConfidence: 50 },
  };
  const core = createPipelineCore(config, testDeps());
  const out = new Map<string, string>();
  const hours = [...new Set([...s.bars.values()].flatMap((b) => b.map((k) => k.openTime as number)))].sort(
    (a, b) => a - b,
  );
  const at = new Map([...s.bars].map(([sym, b]) => [sym, new Map(b.map((k) => [k.openTime as number, k]))]));
  let f = 0;
  for (const hour of hours) {
    while (f < s.funding.length && (s.funding[f] as FundingRate).fundingTime < hour + HOUR_MS)
      core.engine.addFunding(s.funding[f++] as FundingRate);
    for (const sym of SYMBOLS) {
      const k = at.get(sym)?.get(hour);
      if (!k) continue;
      const r = core.engine.addKline(k, { receivedMs: 0, meta: undefined } satisfies BarTag);
      if (r.kind !== 'accepted') continue;
      for (const e of r.evaluated)
        out.set(
          `${e.snapshot.symbol}@${e.snapshot.openTime}`,
          [snapshotDigest(e.snapshot), ...e.decisions.map(decisionText)].join('|'),
        );
    }
  }
  return out;
}

/** A change of the future after `cut`: scale bars of a symbol, drop some, append bars, alter funding rates. */
const futureChange = fc.record({
  cut: fc.integer({ min: 120, max: HOURS - 20 }),
  symbol: fc.constantFrom(...SYMBOLS),
  scale: fc.double({ min: 0.5, max: 2, noNaN: true }),
  every: fc.integer({ min: 1, max: 7 }),
  drop: fc.boolean(),
  append: fc.integer({ min: 0, max: 30 }),
  fundingRate: fc.double({ min: -0.003, max: 0.003, noNaN: true }),
});

type FutureChange = typeof futureChange extends fc.Arbitrary<infer T> ? T : never;

function change(base: Series, c: FutureChange): Series {
  const cutMs = (base.bars.get('BTCUSDT' as SymbolId)?.[0]?.openTime ?? 0) + c.cut * HOUR_MS;
  const bars = new Map<SymbolId, Kline[]>();
  for (const [sym, series] of base.bars) {
    let list = series.map((k, i) => {
      if (sym !== c.symbol || k.openTime <= cutMs || i % c.every !== 0) return k;
      return {
        ...k,
        high: k.high * c.scale,
        low: k.low * c.scale,
        open: k.open * c.scale,
        close: k.close * c.scale,
        volume: k.volume * c.scale,
      };
    });
    if (c.drop && sym === c.symbol) list = list.filter((k, i) => k.openTime <= cutMs || i % c.every !== 1);
    const last = list[list.length - 1] as Kline;
    for (let j = 1; j <= c.append; j += 1) {
      const openTime = last.openTime + j * HOUR_MS;
      list.push({
        ...last,
        openTime: openTime as Kline['openTime'],
        closeTime: (openTime + HOUR_MS - 1) as Kline['closeTime'],
      });
    }
    bars.set(sym, list);
  }
  const funding = base.funding.map((x) =>
    x.fundingTime > cutMs + HOUR_MS && x.symbol === c.symbol ? { ...x, rate: c.fundingRate } : x,
  );
  return { bars, funding };
}

describe('no look-ahead through the service evaluation path (shipped BTC, ETH, SOL perps with funding)', () => {
  it('never changes an earlier factor, gate decision or signal when a future bar or funding event changes', async () => {
    const m = await loadShippedMarket();
    const base: Series = {
      bars: new Map(SYMBOLS.map((s) => [s, (m.perp.get(s) ?? []).slice(0, HOURS)])),
      funding: SYMBOLS.flatMap((s) => m.funding.get(s) ?? []).sort((a, b) => a.fundingTime - b.fundingTime),
    };
    const reference = evaluate(base);
    const decided = [...reference.values()].filter((v) => v.includes('"signalId"')).length;
    expect(decided).toBeGreaterThan(10);
    fc.assert(
      fc.property(futureChange, (c) => {
        const start = base.bars.get('BTCUSDT' as SymbolId)?.[0]?.openTime ?? 0;
        const cutMs = start + c.cut * HOUR_MS;
        const changed = evaluate(change(base, c));
        for (const [key, value] of reference) {
          const openTime = Number(key.split('@')[1]);
          if (openTime <= cutMs) expect(changed.get(key), key).toBe(value);
        }
      }),
      { numRuns: 20, seed: 72 },
    );
  }, 300_000);
});
