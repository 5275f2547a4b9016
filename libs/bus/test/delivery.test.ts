import { deadLetterTopic, type RawRecord, retryPolicyOf } from '@cryptosignal/bus';
import type { TopicSpec } from '@cryptosignal/contracts';
import { ConfigError, InvalidMessageError, RetryableError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { type DeliveryDeps, deliver } from '../src/delivery.js';

interface Note {
  readonly id: string;
}

const noteTopic: TopicSpec<Note> = {
  name: 'notes.v1',
  dlq: 'notes.v1.dlq',
  codec: {
    encode: (value) => new TextEncoder().encode(value.id),
    decode: (bytes) => {
      const id = new TextDecoder().decode(bytes);
      if (id.startsWith('!')) throw new Error('bang');
      return { id };
    },
  },
  key: (value) => value.id,
  eventId: (value) => value.id,
  compacted: false,
};

const message = (text: string) => ({
  topic: noteTopic.name,
  partition: 1,
  offset: '41',
  record: { key: 'k', value: new TextEncoder().encode(text), headers: { 'x-trace': 't' } },
});

function harness(handler: DeliveryDeps<Note>['handler'], signal = new AbortController().signal) {
  const dead: { topic: string; record: RawRecord }[] = [];
  const deps: DeliveryDeps<Note> = {
    topic: noteTopic,
    groupId: 'g',
    handler,
    policy: retryPolicyOf({ maxRetries: 2, retryBackoffMs: 1, maxRetryBackoffMs: 2 }),
    deadLetters: {
      publishRaw: async (topic, records) => {
        for (const record of records) dead.push({ topic, record });
      },
    },
    signal,
  };
  return { deps, dead };
}

describe('deliver', () => {
  it('hands the decoded value and its context to the handler', async () => {
    const seen: unknown[] = [];
    const { deps } = harness(async (value, ctx) => void seen.push(value, ctx));
    expect(await deliver(message('n-1'), deps)).toBe('handled');
    expect(seen).toEqual([
      { id: 'n-1' },
      {
        topic: 'notes.v1',
        partition: 1,
        offset: '41',
        key: 'k',
        headers: { 'x-trace': 't' },
        eventId: 'n-1',
        attempt: 1,
        groupId: 'g',
      },
    ]);
  });

  it('dead-letters a codec failure as CONTRACT_DECODE_FAILED with the original bytes and headers', async () => {
    const { deps, dead } = harness(async () => {});
    expect(await deliver(message('!boom'), deps)).toBe('dead-lettered');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.topic).toBe('notes.v1.dlq');
    expect(new TextDecoder().decode(dead[0]!.record.value)).toBe('!boom');
    expect(dead[0]!.record.headers).toEqual({
      'x-trace': 't',
      'x-dlq-reason': 'cannot decode notes.v1: bang',
      'x-dlq-code': 'CONTRACT_DECODE_FAILED',
      'x-original-topic': 'notes.v1',
      'x-original-partition': '1',
      'x-original-offset': '41',
      'x-consumer-group': 'g',
    });
  });

  it('dead-letters a message without an event id as CONTRACT_VALIDATION_FAILED', async () => {
    const { deps, dead } = harness(async () => {});
    expect(await deliver(message(''), deps)).toBe('dead-lettered');
    expect(dead[0]!.record.headers['x-dlq-code']).toBe('CONTRACT_VALIDATION_FAILED');
  });

  it('keeps the code of an InvalidMessageError thrown by the handler, truncating long reasons', async () => {
    const { deps, dead } = harness(async () => {
      throw new InvalidMessageError('DATA_INVALID', 'x'.repeat(5_000));
    });
    expect(await deliver(message('n-2'), deps)).toBe('dead-lettered');
    expect(dead[0]!.record.headers['x-dlq-code']).toBe('DATA_INVALID');
    expect(dead[0]!.record.headers['x-dlq-reason']).toHaveLength(1_000);
  });

  it('retries transient errors (a RetryableError or ECONNRESET) and rethrows the last one', async () => {
    let calls = 0;
    const { deps } = harness(async () => {
      calls += 1;
      throw calls % 2
        ? new RetryableError('STORAGE_UNAVAILABLE', 'down')
        : Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    });
    await expect(deliver(message('n-3'), deps)).rejects.toThrow('down');
    expect(calls).toBe(3);
  });

  it('rethrows an unclassified error at once, without retrying or dead-lettering', async () => {
    let calls = 0;
    const { deps, dead } = harness(async () => {
      calls += 1;
      throw new TypeError('bug');
    });
    await expect(deliver(message('n-4'), deps)).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
    expect(dead).toHaveLength(0);
  });

  it('surfaces a dead-letter write that keeps failing instead of dropping the message', async () => {
    const { deps } = harness(async () => {});
    const failing = {
      ...deps,
      deadLetters: { publishRaw: async () => Promise.reject(new ConfigError('no dlq')) },
    };
    await expect(deliver(message('!x'), failing)).rejects.toBeInstanceOf(ConfigError);
  });

  it('abandons a message when the subscription stops during a retry wait, or before it starts', async () => {
    const controller = new AbortController();
    const { deps } = harness(async () => {
      controller.abort();
      throw new RetryableError('STORAGE_UNAVAILABLE', 'down');
    }, controller.signal);
    expect(await deliver(message('n-5'), deps)).toBe('abandoned');
    expect(await deliver(message('n-6'), deps)).toBe('abandoned');
  });
});

describe('deadLetterTopic', () => {
  it('reads raw bytes, identified by their SHA-256, with a DLQ of its own that is never created', () => {
    const spec = deadLetterTopic(noteTopic);
    expect(spec.name).toBe('notes.v1.dlq');
    expect(spec.dlq).toBe('notes.v1.dlq.dlq');
    const bytes = new TextEncoder().encode('abc');
    expect(spec.codec.decode(bytes)).toBe(bytes);
    expect(spec.eventId(bytes)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reports each retried attempt and each acknowledged dead letter with its code to the hooks', async () => {
    const events: string[] = [];
    const { deps, dead } = harness(async (value, ctx) => {
      if (value.id === 'poison') throw new InvalidMessageError('DATA_INVALID', 'no');
      if (ctx.attempt < 3) throw new RetryableError('STORAGE_UNAVAILABLE', 'blip');
    });
    const hooked = {
      ...deps,
      onRetry: () => void events.push('retry'),
      onDeadLettered: (code: string) => void events.push(`dlq ${code}`),
    };
    expect(await deliver(message('n-1'), hooked)).toBe('handled');
    expect(await deliver(message('poison'), hooked)).toBe('dead-lettered');
    expect(await deliver(message('!garbage'), hooked)).toBe('dead-lettered');
    expect(events).toEqual(['retry', 'retry', 'dlq DATA_INVALID', 'dlq CONTRACT_DECODE_FAILED']);
    expect(dead.map((d) => d.record.headers['x-trace'])).toEqual(['t', 't']);
  });
});
