import {
  type EventPublisher,
  type GateConfigPublished,
  TOPICS,
  type TopicSpec,
} from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import type { GateExperiment } from '../domain/experiment.js';
import type { GateConfigPublisher, ProductionConfig } from '../ports.js';
import { experimentEvent, productionEvent } from './gate-config-wire.js';

/** Publishes gate sets on `config.gates` (or `topic`, renamed in tests) through the bus. */
export class BusGateConfigPublisher implements GateConfigPublisher {
  constructor(
    private readonly bus: EventPublisher,
    private readonly clock: Clock,
    private readonly topic: TopicSpec<GateConfigPublished> = TOPICS.configGates,
  ) {}

  async publishProduction(scope: string, config: ProductionConfig): Promise<void> {
    await this.bus.publish(this.topic, productionEvent(scope, config, this.clock.nowMs()));
  }

  async publishExperiment(experiment: GateExperiment, tsEventMs: number): Promise<void> {
    await this.bus.publish(this.topic, experimentEvent(experiment, false, tsEventMs, this.clock.nowMs()));
  }

  async publishExperimentEnd(experiment: GateExperiment, tsEventMs: number): Promise<void> {
    await this.bus.publish(this.topic, experimentEvent(experiment, true, tsEventMs, this.clock.nowMs()));
  }
}
