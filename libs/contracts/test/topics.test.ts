import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  renameTopic,
  TOPIC_DECLARATIONS,
  TOPIC_LIST,
  TOPIC_NAMES,
  TOPICS,
  topicByName,
} from '../src/index.js';
import * as arb from './arbitraries.js';

describe('topic registry', () => {
  it('names every topic of the design, each once, with a major version', () => {
    expect([...TOPIC_NAMES].sort()).toEqual(
      [
        'market.klines.1m.v1',
        'market.klines.1h.v1',
        'market.funding.v1',
        'market.open_interest.v1',
        'market.depth.v1',
        'market.trades.v1',
        'signals.published.v1',
        'signals.rejected.v1',
        'executions.reported.v1',
        'trades.closed.v1',
        'config.calibration.v1',
        'config.gates.v1',
        'config.costs.v1',
        'config.models.v1',
      ].sort(),
    );
    for (const name of TOPIC_NAMES) expect(name).toMatch(/^[a-z_]+(\.[a-z0-9_]+)*\.v1$/);
    const all = TOPIC_DECLARATIONS.map((t) => t.name);
    expect(new Set(all).size).toBe(all.length);
  });

  it('puts a DLQ beside every topic, never compacted', () => {
    for (const topic of TOPIC_LIST) {
      expect(topic.dlq).toBe(`${topic.name}.dlq`);
      expect(TOPIC_DECLARATIONS).toContainEqual({ name: topic.dlq, compacted: false });
    }
    expect(TOPIC_DECLARATIONS).toHaveLength(2 * TOPIC_LIST.length);
  });

  it('compacts exactly the config topics', () => {
    for (const topic of TOPIC_LIST) expect(topic.compacted).toBe(topic.name.startsWith('config.'));
  });

  it('keys market and signal topics by symbol, executions and results by signal id, config by scope', () => {
    const [kline] = fc.sample(arb.kline('1h'), { numRuns: 1, seed: 1 });
    expect(TOPICS.marketKlines1h.key(kline!)).toBe(kline!.symbol);
    const [signal] = fc.sample(arb.signalPublished, { numRuns: 1, seed: 2 });
    expect(TOPICS.signalsPublished.key(signal!)).toBe(signal!.snapshot!.symbol);
    const [rejected] = fc.sample(arb.signalRejected, { numRuns: 1, seed: 3 });
    expect(TOPICS.signalsRejected.key(rejected!)).toBe(rejected!.snapshot!.symbol);
    const [execution] = fc.sample(arb.executionReported, { numRuns: 1, seed: 4 });
    expect(TOPICS.executionsReported.key(execution!)).toBe(execution!.signalId);
    const [closed] = fc.sample(arb.tradeClosed, { numRuns: 1, seed: 5 });
    expect(TOPICS.tradesClosed.key(closed!)).toBe(closed!.signalId);
    const [gates] = fc.sample(arb.gateConfig, { numRuns: 1, seed: 6 });
    expect(TOPICS.configGates.key(gates!)).toBe(gates!.scope);
    expect(TOPICS.configGates.eventId(gates!)).toBe(gates!.meta!.eventId);
  });

  it('refuses to key a message without its key field', () => {
    const [kline] = fc.sample(arb.kline('1m'), { numRuns: 1, seed: 8 });
    expect(() => TOPICS.marketKlines1m.key({ ...kline!, symbol: '' })).toThrow(/market\.klines\.1m\.v1: key/);
    expect(() => TOPICS.marketKlines1m.eventId({ ...kline!, meta: undefined })).toThrow(/meta\.eventId/);
  });

  it('finds topics by name and renames a copy for tests', () => {
    expect(topicByName('trades.closed.v1')).toBe(TOPICS.tradesClosed);
    expect(topicByName('trades.closed.v2')).toBeUndefined();
    const renamed = renameTopic(TOPICS.tradesClosed, 'trades.closed.v1.t-1');
    expect(renamed.dlq).toBe('trades.closed.v1.t-1.dlq');
    expect(renamed.codec).toBe(TOPICS.tradesClosed.codec);
    expect(TOPICS.tradesClosed.name).toBe('trades.closed.v1');
  });
});
