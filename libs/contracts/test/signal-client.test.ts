import { ManualClock } from '@cryptosignal/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContractError,
  CvdSource,
  deterministicEventId,
  type EventPublisher,
  Side,
  SignalClient,
  type SignalSnapshot,
  Strategy,
  TOPICS,
  type TopicSpec,
} from '../src/index.js';
import * as arb from './arbitraries.js';

interface Sent {
  topic: string;
  key: string;
  bytes: Uint8Array;
  headers: Record<string, string> | undefined;
}

/** An in-memory EventPublisher that does what the bus does with a value: key it and encode it. */
class RecordingPublisher implements EventPublisher {
  readonly sent: Sent[] = [];
  async publish<T>(topic: TopicSpec<T>, value: T, headers?: Record<string, string>): Promise<void> {
    this.sent.push({ topic: topic.name, key: topic.key(value), bytes: topic.codec.encode(value), headers });
  }
}

const README_SNAPSHOT: SignalSnapshot = {
  signalId: 'sig-BTCUSDT-1755072000000',
  timeMs: 1_755_072_000_000,
  symbol: 'BTCUSDT',
  side: Side.SIDE_LONG,
  confidence: 72,
  factors: {
    t: 61,
    m: 40,
    c: 12,
    v: 30,
    o: undefined,
    b: -4,
    fV2: 18,
    unavailable: ['O'],
    cvdSource: CvdSource.CVD_SOURCE_TAKER_BUY_VOLUME,
  },
  marketState: { price: 118_900, atr: 640, independence: 22, marketRegime: 35 },
  predicted: { pCalibrated: 0.58, evNet: 0.004, tp: 0.025, sl: 0.015 },
  executionIntent: { entryPriceLimit: 118_950, expectedCostBps: 9.5 },
  strategy: Strategy.STRATEGY_V72,
  strategyVersion: '7.2.0',
  gates: [],
  modelVersions: {},
  fallback: false,
};

const snapshot = fc.sample(arb.snapshot, { numRuns: 1, seed: 5 })[0]!;

describe('SignalClient', () => {
  it('publishes a signal keyed by symbol with meta filled in', async () => {
    const publisher = new RecordingPublisher();
    const client = new SignalClient(publisher, new ManualClock(1_750_000_000_123));
    const event = await client.publishSignal(snapshot, { headers: { traceparent: 't' } });

    const [sent] = publisher.sent;
    expect(sent).toMatchObject({
      topic: 'signals.published.v1',
      key: snapshot.symbol,
      headers: { traceparent: 't' },
    });
    const decoded = TOPICS.signalsPublished.codec.decode(sent!.bytes);
    expect(decoded.snapshot?.signalId).toBe(snapshot.signalId);
    expect(decoded.meta).toEqual({
      eventId: deterministicEventId('signals.published.v1', snapshot.signalId),
      schemaVersion: 1,
      tsEventMs: snapshot.timeMs,
      tsInitMs: 1_750_000_000_123,
      correlationId: event.meta!.eventId,
      causationId: '',
    });
  });

  it('gives a re-published signal the same event id, so consumers drop the duplicate', async () => {
    const publisher = new RecordingPublisher();
    const clock = new ManualClock(1_000);
    const client = new SignalClient(publisher, clock);
    const first = await client.publishSignal(snapshot);
    clock.set(2_000);
    const second = await client.publishSignal(snapshot);
    expect(second.meta!.eventId).toBe(first.meta!.eventId);
    expect(second.meta!.tsInitMs).toBe(2_000);
  });

  it('publishes a rejection with the gate reason, caused by the given event', async () => {
    const publisher = new RecordingPublisher();
    const client = new SignalClient(publisher, new ManualClock(5));
    const cause = fc.sample(arb.meta, { numRuns: 1, seed: 9 })[0]!;
    const rejection = { gate: 'gate2_f', reasonCode: 'F_BELOW_THRESHOLD', detail: 'F_dir=-22.1 < -15' };
    await client.publishRejection(snapshot, rejection, { causedBy: cause });

    const decoded = TOPICS.signalsRejected.codec.decode(publisher.sent[0]!.bytes);
    expect(publisher.sent[0]!.topic).toBe('signals.rejected.v1');
    expect(decoded.rejection).toEqual(rejection);
    expect(decoded.meta).toMatchObject({ correlationId: cause.correlationId, causationId: cause.eventId });
  });

  it('accepts the snapshot of the README example', async () => {
    const publisher = new RecordingPublisher();
    await new SignalClient(publisher, new ManualClock(1_755_072_000_500)).publishSignal(README_SNAPSHOT);
    expect(publisher.sent[0]?.key).toBe('BTCUSDT');
  });

  it('validates before publishing anything', async () => {
    const publisher = new RecordingPublisher();
    const client = new SignalClient(publisher, new ManualClock(5));
    await expect(client.publishSignal({ ...snapshot, symbol: '' })).rejects.toThrow(ContractError);
    await expect(client.publishSignal({ ...snapshot, symbol: '' })).rejects.toThrow(/snapshot\.symbol/);
    await expect(
      client.publishRejection(snapshot, { gate: '', reasonCode: 'X', detail: '' }),
    ).rejects.toThrow(/rejection\.gate/);
    expect(publisher.sent).toHaveLength(0);
  });
});
