import type { CalibrationTable } from '@cryptosignal/calibration';
import {
  type CalibrationTablePublished,
  type EventPublisher,
  TOPICS,
  type TopicSpec,
} from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import type { CalibrationPublisher } from '../ports.js';
import { publishedFromTable } from './calibration-wire.js';

/** Publishes calibration tables on `config.calibration` (or `topic`, renamed in tests) through the bus. */
export class BusCalibrationPublisher implements CalibrationPublisher {
  constructor(
    private readonly bus: EventPublisher,
    private readonly clock: Clock,
    private readonly topic: TopicSpec<CalibrationTablePublished> = TOPICS.configCalibration,
  ) {}

  async publish(scope: string, table: CalibrationTable): Promise<void> {
    await this.bus.publish(this.topic, publishedFromTable(scope, table, this.clock.nowMs()));
  }
}
