import type { EventMeta, EventPublisher } from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import type { SignalDecision } from '../domain/decision.js';
import type { DecisionPublisher } from '../ports.js';
import type { PipelineTopics } from '../topics.js';
import { eventOf } from './signal-wire.js';

/** Publishes decisions on the pipeline's signal topics through the bus (Kafka or in-process). */
export class BusDecisionPublisher implements DecisionPublisher {
  constructor(
    private readonly bus: EventPublisher,
    private readonly topics: Pick<PipelineTopics, 'signalsPublished' | 'signalsRejected'>,
    private readonly clock: Clock,
  ) {}

  async publish(decisions: readonly SignalDecision[], causedBy: EventMeta | undefined): Promise<void> {
    const names = {
      published: this.topics.signalsPublished.name,
      rejected: this.topics.signalsRejected.name,
    };
    for (const d of decisions) {
      const event = eventOf(d, names, this.clock.nowMs(), causedBy);
      if (event.kind === 'published') await this.bus.publish(this.topics.signalsPublished, event.value);
      else await this.bus.publish(this.topics.signalsRejected, event.value);
    }
  }
}
