import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContractTopic, FACTOR_NAMES, TOPICS, type TopicKey } from '../src/index.js';
import * as arb from './arbitraries.js';

const cases: { [K in TopicKey]: fc.Arbitrary<unknown> } = {
  marketKlines1m: arb.kline('1m'),
  marketKlines1h: arb.kline('1h'),
  marketFunding: arb.fundingRate,
  marketOpenInterest: arb.openInterest,
  marketDepth: arb.depthSnapshot,
  marketTrades: arb.tradeFlow,
  signalsPublished: arb.signalPublished,
  signalsRejected: arb.signalRejected,
  executionsReported: arb.executionReported,
  tradesClosed: arb.tradeClosed,
  configCalibration: arb.calibrationTable,
  configGates: arb.gateConfig,
  configCosts: arb.costModel,
  configModels: arb.modelsConfig,
};

/** Drops undefined-valued properties, so that "absent" compares equal however the object spells it. */
function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(defined);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, defined(v)]),
  );
}

describe('codec round trips', () => {
  for (const [key, messages] of Object.entries(cases)) {
    const topic = TOPICS[key as TopicKey] as ContractTopic<unknown>;
    it(`${topic.name}: decode(encode(m)) equals m`, () => {
      fc.assert(
        fc.property(messages, (message) => {
          const decoded = topic.codec.decode(topic.codec.encode(message));
          expect(defined(decoded)).toStrictEqual(defined(message));
          expect(topic.eventId(decoded)).toBe((message as { meta: { eventId: string } }).meta.eventId);
          expect(topic.key(decoded)).toBe(topic.key(message));
        }),
        { numRuns: 60 },
      );
    });
  }

  it('keeps absent factors absent and present ones exact', () => {
    fc.assert(
      fc.property(arb.signalPublished, (event) => {
        const decoded = TOPICS.signalsPublished.codec.decode(TOPICS.signalsPublished.codec.encode(event));
        const before = event.snapshot!.factors!;
        const after = decoded.snapshot!.factors!;
        for (const field of ['t', 'm', 'c', 'v', 'o', 'b', 'fV2'] as const) {
          if (before[field] === undefined) expect(after[field]).toBeUndefined();
          else expect(after[field]).toBe(before[field]);
        }
        expect(after.unavailable).toEqual(before.unavailable);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a factor of exactly zero distinct from an absent one', () => {
    const event = fc.sample(arb.signalPublished, { numRuns: 1, seed: 7 })[0]!;
    const factors = { ...event.snapshot!.factors!, t: 0, m: undefined, unavailable: ['M'] };
    factors.c = factors.v = factors.o = factors.b = factors.fV2 = 1;
    const message = { ...event, snapshot: { ...event.snapshot!, factors } };
    const decoded = TOPICS.signalsPublished.codec.decode(TOPICS.signalsPublished.codec.encode(message));
    expect(decoded.snapshot!.factors!.t).toBe(0);
    expect(decoded.snapshot!.factors!.m).toBeUndefined();
    expect(decoded.snapshot!.factors!.unavailable).toEqual(['M']);
    expect(FACTOR_NAMES).toContain('M');
  });
});
