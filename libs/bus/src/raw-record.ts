/** Names of the headers the bus writes. Values are UTF-8 strings. */
export const BusHeader = {
  /** The event id of the value, written on every published message. */
  eventId: 'x-event-id',
  /** Why a message was dead-lettered: the error message, at most `DLQ_REASON_MAX_CHARS` characters. */
  dlqReason: 'x-dlq-reason',
  /** The closed `ErrorCode` of the failure (`CONTRACT_DECODE_FAILED`, `CONTRACT_VALIDATION_FAILED`, …). */
  dlqCode: 'x-dlq-code',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  consumerGroup: 'x-consumer-group',
} as const;

/** Longest `x-dlq-reason` written, in characters. */
export const DLQ_REASON_MAX_CHARS = 1000;

/** A message as it travels on a topic: the key, the encoded value and the headers. */
export interface RawRecord {
  readonly key: string | null;
  readonly value: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

/** Writes already-encoded records to a topic by name: the DLQ path, re-drive tools and tests of poison input. */
export interface RawProducer {
  /** Resolves when the broker acknowledged; thrown as `RetryableError('BROKER_UNAVAILABLE')` when it did not. */
  publishRaw(topicName: string, records: readonly RawRecord[]): Promise<void>;
}

/** Where a dead-lettered message came from and why it was dead-lettered. */
export interface DeadLetterOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly groupId: string;
  readonly code: string;
  readonly reason: string;
}

/** Returns the headers of a dead-lettered record: the original headers plus the `x-dlq-*`/`x-original-*` ones. */
export function deadLetterHeaders(
  original: Readonly<Record<string, string>>,
  origin: DeadLetterOrigin,
): Record<string, string> {
  return {
    ...original,
    [BusHeader.dlqReason]: origin.reason.slice(0, DLQ_REASON_MAX_CHARS),
    [BusHeader.dlqCode]: origin.code,
    [BusHeader.originalTopic]: origin.topic,
    [BusHeader.originalPartition]: String(origin.partition),
    [BusHeader.originalOffset]: origin.offset,
    [BusHeader.consumerGroup]: origin.groupId,
  };
}
