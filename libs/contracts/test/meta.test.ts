import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMeta, deterministicEventId, randomEventId, SCHEMA_VERSION } from '../src/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('derives a stable uuid-shaped id from topic and natural key', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (topic, key) => {
        const id = deterministicEventId(topic, key);
        expect(id).toMatch(UUID);
        expect(id[14]).toBe('8');
        expect(deterministicEventId(topic, key)).toBe(id);
      }),
    );
  });

  it('never changes for a given fact (sha256 of "topic|key", version nibble 8, RFC variant)', () => {
    // Pinned: a change here would make every consumer treat replayed facts as new.
    expect(deterministicEventId('market.klines.1h.v1', 'BTCUSDT|1700000000000')).toBe(
      '7e7322cc-eb98-8f2c-8d6c-5455c0a8961f',
    );
  });

  it('separates topics and keys', () => {
    const a = deterministicEventId('market.klines.1h.v1', 'BTCUSDT|1700000000000');
    expect(deterministicEventId('market.klines.1m.v1', 'BTCUSDT|1700000000000')).not.toBe(a);
    expect(deterministicEventId('market.klines.1h.v1', 'BTCUSDT|1700003600000')).not.toBe(a);
  });

  it('draws random ids for facts without a natural key', () => {
    const ids = new Set(Array.from({ length: 100 }, randomEventId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('buildMeta', () => {
  it('starts a chain at a root event', () => {
    const meta = buildMeta({ eventId: 'e1', tsEventMs: 10, tsInitMs: 20 });
    expect(meta).toEqual({
      eventId: 'e1',
      schemaVersion: SCHEMA_VERSION,
      tsEventMs: 10,
      tsInitMs: 20,
      correlationId: 'e1',
      causationId: '',
    });
  });

  it('carries the correlation id down a chain and points at the direct cause', () => {
    const signal = buildMeta({ eventId: 's', tsEventMs: 10, tsInitMs: 11 });
    const execution = buildMeta({ eventId: 'x', tsEventMs: 12, tsInitMs: 13, causedBy: signal });
    const result = buildMeta({ eventId: 'r', tsEventMs: 14, tsInitMs: 15, causedBy: execution });
    expect(execution).toMatchObject({ correlationId: 's', causationId: 's' });
    expect(result).toMatchObject({ correlationId: 's', causationId: 'x' });
  });
});
