import {
  type CostModelPublished,
  type EventPublisher,
  TOPICS,
  type TopicSpec,
} from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import type { CostModel } from '../domain/cost-model.js';
import type { CostModelPublisher } from '../ports.js';
import { publishedFromModel } from './cost-model-wire.js';

/** Publishes cost models on `config.costs` (or `topic`, renamed in tests) through the bus. */
export class BusCostModelPublisher implements CostModelPublisher {
  constructor(
    private readonly bus: EventPublisher,
    private readonly clock: Clock,
    private readonly topic: TopicSpec<CostModelPublished> = TOPICS.configCosts,
  ) {}

  async publish(scope: string, model: CostModel): Promise<void> {
    await this.bus.publish(this.topic, publishedFromModel(scope, model, this.clock.nowMs()));
  }
}
