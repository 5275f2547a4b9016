import type { EventPublisher, TopicSpec } from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import type { MarketEvent } from '../domain/market-event.js';
import type { MarketPublisher } from '../ports.js';
import { MARKET_TOPICS, type MarketTopics, toMessage } from './market-messages.js';

/** The publishing side of the bus: `publishBatch` of `@cryptosignal/bus`'s EventBus. */
export interface BatchPublisher extends EventPublisher {
  publishBatch<T>(topic: TopicSpec<T>, values: readonly T[]): Promise<void>;
}

/**
 * Publishes market events through the bus: each event mapped to its contract message (`toMessage`), runs of
 * consecutive events of one topic sent as one batch, in the given order. Init times come from the clock.
 */
export class BusMarketPublisher implements MarketPublisher {
  constructor(
    private readonly bus: BatchPublisher,
    private readonly clock: Clock,
    private readonly topics: MarketTopics = MARKET_TOPICS,
  ) {}

  /** Publishes `events` in order; resolves once every batch is acknowledged. */
  async publish(events: readonly MarketEvent[]): Promise<void> {
    const nowMs = this.clock.nowMs();
    let topic: TopicSpec<unknown> | undefined;
    let run: unknown[] = [];
    for (const event of events) {
      const message = toMessage(event, this.topics, nowMs);
      if (!message) continue;
      if (topic && message.topic !== topic) {
        await this.bus.publishBatch(topic, run);
        run = [];
      }
      topic = message.topic;
      run.push(message.value);
    }
    if (topic && run.length > 0) await this.bus.publishBatch(topic, run);
  }
}
