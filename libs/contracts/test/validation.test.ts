import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractError, type ContractTopic, ExecutionStatus, Kline, Side, TOPICS } from '../src/index.js';
import * as arb from './arbitraries.js';

const one = <T>(a: fc.Arbitrary<T>, seed = 42): T => fc.sample(a, { numRuns: 1, seed })[0]!;

function violation<T>(topic: ContractTopic<T>, value: T): ContractError {
  try {
    topic.codec.validate(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    const e = error as ContractError;
    expect(e.code).toBe('CONTRACT_VALIDATION_FAILED');
    expect(e.message).toContain(topic.name);
    expect(e.message).toContain(e.field);
    return e;
  }
  throw new Error('expected a validation error');
}

describe('validation names the offending field', () => {
  const kline = one(arb.kline('1m'));
  const signal = one(arb.signalPublished);
  const snap = signal.snapshot!;

  it.each([
    ['meta', { ...kline, meta: undefined }],
    ['meta.eventId', { ...kline, meta: { ...kline.meta!, eventId: '' } }],
    ['meta.schemaVersion', { ...kline, meta: { ...kline.meta!, schemaVersion: 2 } }],
    ['meta.tsEventMs', { ...kline, meta: { ...kline.meta!, tsEventMs: 0 } }],
    ['symbol', { ...kline, symbol: '' }],
    ['interval', { ...kline, interval: '1h' }],
    ['market', { ...kline, market: 0 }],
    ['closeTimeMs', { ...kline, closeTimeMs: kline.openTimeMs }],
    ['open', { ...kline, open: Number.NaN }],
    ['quoteVolume', { ...kline, quoteVolume: Number.POSITIVE_INFINITY }],
  ])('kline: %s', (field, value) => {
    expect(violation(TOPICS.marketKlines1m, value).field).toBe(field);
  });

  it.each([
    ['snapshot', { ...signal, snapshot: undefined }],
    ['snapshot.signalId', { ...signal, snapshot: { ...snap, signalId: '' } }],
    ['snapshot.symbol', { ...signal, snapshot: { ...snap, symbol: '' } }],
    ['snapshot.side', { ...signal, snapshot: { ...snap, side: Side.SIDE_UNSPECIFIED } }],
    ['snapshot.side', { ...signal, snapshot: { ...snap, side: 7 as Side } }],
    ['snapshot.confidence', { ...signal, snapshot: { ...snap, confidence: 101 } }],
    ['snapshot.factors', { ...signal, snapshot: { ...snap, factors: undefined } }],
    [
      'snapshot.factors.t',
      { ...signal, snapshot: { ...snap, factors: { ...snap.factors!, t: undefined, unavailable: [] } } },
    ],
    [
      'snapshot.factors.unavailable',
      { ...signal, snapshot: { ...snap, factors: { ...snap.factors!, unavailable: ['X'] } } },
    ],
    [
      'snapshot.predicted.pCalibrated',
      { ...signal, snapshot: { ...snap, predicted: { ...snap.predicted!, pCalibrated: 1.5 } } },
    ],
    ['snapshot.strategy', { ...signal, snapshot: { ...snap, strategy: 0 } }],
    [
      'snapshot.executionIntent.positionSize',
      { ...signal, snapshot: { ...snap, executionIntent: { ...snap.executionIntent!, positionSize: 0 } } },
    ],
    [
      'snapshot.fallbackReason',
      { ...signal, snapshot: { ...snap, fallback: true, fallbackReason: undefined } },
    ],
  ])('signal: %s', (field, value) => {
    expect(violation(TOPICS.signalsPublished, value).field).toBe(field);
  });

  it('names the missing rejection of a rejected signal', () => {
    const rejected = one(arb.signalRejected);
    expect(violation(TOPICS.signalsRejected, { ...rejected, rejection: undefined }).field).toBe('rejection');
    const noGate = { ...rejected, rejection: { ...rejected.rejection!, gate: '' } };
    expect(violation(TOPICS.signalsRejected, noGate).field).toBe('rejection.gate');
  });

  it('requires fill details only of a filled execution', () => {
    const filled = one(
      arb.executionReported.filter((e) => e.status === ExecutionStatus.EXECUTION_STATUS_FILLED),
    );
    expect(violation(TOPICS.executionsReported, { ...filled, fillPrice: undefined }).field).toBe('fillPrice');
    expect(violation(TOPICS.executionsReported, { ...filled, costBreakdown: undefined }).field).toBe(
      'costBreakdown',
    );
    const unfilled = { ...filled, status: ExecutionStatus.EXECUTION_STATUS_UNFILLED, fillPrice: undefined };
    expect(() => TOPICS.executionsReported.codec.validate(unfilled)).not.toThrow();
  });

  it('requires the gate reason of a shadow trade and a sane holding time', () => {
    const closed = one(arb.tradeClosed);
    expect(violation(TOPICS.tradesClosed, { ...closed, shadow: true, gateReason: undefined }).field).toBe(
      'gateReason',
    );
    const backwards = { ...closed, exitTimeMs: closed.entryTimeMs - 1 };
    expect(violation(TOPICS.tradesClosed, backwards).field).toBe('exitTimeMs');
    expect(violation(TOPICS.tradesClosed, { ...closed, fundingSource: 0 }).field).toBe('fundingSource');
  });

  it('checks config heads and model hashes', () => {
    const models = one(arb.modelsConfig.filter((m) => m.models.length > 0));
    expect(violation(TOPICS.configModels, { ...models, scope: '' }).field).toBe('scope');
    const badHash = { ...models, models: [{ ...models.models[0]!, sha256: 'ABC' }] };
    expect(violation(TOPICS.configModels, badHash).field).toBe('models[0].sha256');
    const gates = one(arb.gateConfig);
    expect(violation(TOPICS.configGates, { ...gates, trafficFraction: 2 }).field).toBe('trafficFraction');
  });
});

describe('validation at both edges', () => {
  it('refuses to encode an invalid message', () => {
    const kline = { ...one(arb.kline('1h')), symbol: '' };
    expect(() => TOPICS.marketKlines1h.codec.encode(kline)).toThrow(/market\.klines\.1h\.v1: symbol/);
  });

  it('refuses to decode bytes that encode an invalid message', () => {
    const kline = { ...one(arb.kline('1h')), meta: { ...one(arb.meta), schemaVersion: 2 } };
    const bytes = Kline.encode(kline).finish();
    expect(() => TOPICS.marketKlines1h.codec.decode(bytes)).toThrow(ContractError);
    expect(() => TOPICS.marketKlines1h.codec.decode(bytes)).toThrow(
      /meta\.schemaVersion must be 1 \(got 2\)/,
    );
  });
});
