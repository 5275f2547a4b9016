import type { Clock } from '@cryptosignal/runtime';
import type { EventPublisher } from './event-publisher.js';
import type {
  EventMeta,
  GateRejection,
  SignalPublished,
  SignalRejected,
  SignalSnapshot,
} from './generated.js';
import { buildMeta, deterministicEventId } from './meta.js';
import { TOPICS } from './topics.js';

/** Options of one publication. */
export interface PublishOptions {
  /** The event the signal was made from (e.g. the closing kline); its correlation id is carried over. */
  readonly causedBy?: EventMeta;
  /** Message headers, e.g. a W3C `traceparent`. */
  readonly headers?: Record<string, string>;
}

/**
 * The typed client an external signal engine uses to publish into the platform. It fills in the EventMeta
 * (event id derived from the signal id, so re-publishing a signal is idempotent; event time = the signal time;
 * init time from the injected Clock), validates against the topic's contract before anything is sent, and
 * publishes through the given EventPublisher.
 */
export class SignalClient {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /**
   * Publishes `snapshot` on `signals.published.v1` (key: symbol) and returns the event sent.
   * Thrown when the snapshot breaks the contract (ContractError `CONTRACT_VALIDATION_FAILED` naming the field);
   * rejects with the publisher's error when the write fails.
   */
  async publishSignal(snapshot: SignalSnapshot, options: PublishOptions = {}): Promise<SignalPublished> {
    const topic = TOPICS.signalsPublished;
    const event: SignalPublished = { meta: this.meta(topic.name, snapshot, options.causedBy), snapshot };
    topic.codec.validate(event);
    await this.publisher.publish(topic, event, options.headers);
    return event;
  }

  /**
   * Publishes `snapshot`, stopped by the gate in `rejection`, on `signals.rejected.v1` (key: symbol), so the
   * executor follows it as a shadow trade; returns the event sent.
   * Thrown when the snapshot or rejection breaks the contract (ContractError `CONTRACT_VALIDATION_FAILED`).
   */
  async publishRejection(
    snapshot: SignalSnapshot,
    rejection: GateRejection,
    options: PublishOptions = {},
  ): Promise<SignalRejected> {
    const topic = TOPICS.signalsRejected;
    const event: SignalRejected = {
      meta: this.meta(topic.name, snapshot, options.causedBy),
      snapshot,
      rejection,
    };
    topic.codec.validate(event);
    await this.publisher.publish(topic, event, options.headers);
    return event;
  }

  private meta(topicName: string, snapshot: SignalSnapshot, causedBy: EventMeta | undefined): EventMeta {
    return buildMeta({
      eventId: deterministicEventId(topicName, snapshot.signalId),
      tsEventMs: snapshot.timeMs,
      tsInitMs: this.clock.nowMs(),
      ...(causedBy ? { causedBy } : {}),
    });
  }
}
