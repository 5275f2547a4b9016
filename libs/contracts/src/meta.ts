import { hash, randomUUID } from 'node:crypto';
import type { FieldChecker } from './field-checker.js';
import type { EventMeta } from './generated.js';

/** Schema version of every message on a `*.v1` topic; a consumer rejects any other value. */
export const SCHEMA_VERSION = 1;

/**
 * Returns a uuid-shaped event id derived from `sha256(topic + '|' + naturalKey)`: the first 128 bits, with the
 * version nibble set to 8 (custom, RFC 9562) and the RFC variant bits. The same fact published twice (a replayed
 * kline, a re-sent signal) gets the same id, so consumers drop the duplicate.
 */
export function deterministicEventId(topic: string, naturalKey: string): string {
  const hex = hash('sha256', `${topic}|${naturalKey}`, 'hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Returns a random (version 4) uuid, for facts with no natural key. */
export function randomEventId(): string {
  return randomUUID();
}

/** What a producer knows when it stamps an event. */
export interface MetaInput {
  /** Event id: `deterministicEventId(...)` when the fact has a natural key, `randomEventId()` otherwise. */
  readonly eventId: string;
  /** When the fact happened, ms UTC. */
  readonly tsEventMs: number;
  /** When the producer built the event, ms UTC (from its injected Clock). */
  readonly tsInitMs: number;
  /** The event this one was made from: its correlation id is carried over and its id becomes the causation id. */
  readonly causedBy?: EventMeta;
}

/**
 * Returns the EventMeta of a new event at SCHEMA_VERSION. A root event (no `causedBy`) starts its own chain:
 * `correlationId` is its own id and `causationId` is empty.
 */
export function buildMeta(input: MetaInput): EventMeta {
  return {
    eventId: input.eventId,
    schemaVersion: SCHEMA_VERSION,
    tsEventMs: input.tsEventMs,
    tsInitMs: input.tsInitMs,
    correlationId: input.causedBy ? input.causedBy.correlationId || input.causedBy.eventId : input.eventId,
    causationId: input.causedBy?.eventId ?? '',
  };
}

/**
 * Checks the meta of a decoded event: present, non-empty event and correlation ids, schema version
 * SCHEMA_VERSION, positive event and init times.
 * Thrown when one is not so (ContractError `CONTRACT_VALIDATION_FAILED` naming the field).
 */
export function checkMeta(meta: EventMeta | undefined, check: FieldChecker): void {
  const m = check.present(meta, 'meta');
  check.nonEmpty(m.eventId, 'meta.eventId');
  if (m.schemaVersion !== SCHEMA_VERSION) {
    check.fail('meta.schemaVersion', `must be ${SCHEMA_VERSION} (got ${m.schemaVersion})`);
  }
  check.positive(m.tsEventMs, 'meta.tsEventMs');
  check.positive(m.tsInitMs, 'meta.tsInitMs');
  check.nonEmpty(m.correlationId, 'meta.correlationId');
}
