import type { LatestCalibrationTable } from '@cryptosignal/calibration';
import type { EventMeta } from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import type { CostBook } from '../domain/cost-book.js';
import type { SignalDecision } from '../domain/decision.js';
import type { GateSettings } from '../domain/gate-settings.js';
import type { PipelineEngine } from '../domain/pipeline-engine.js';
import type { PipelineMetrics } from '../metrics.js';
import type { DecisionPublisher } from '../ports.js';

/** What a bar carries through the engine: when it arrived (clock ms) and the event that brought it. */
export interface BarTag {
  readonly receivedMs: number;
  readonly meta: EventMeta | undefined;
}

/** Decisions of one evaluated bar, waiting to be published, with the event they are chained to. */
export interface OutgoingBatch {
  readonly decisions: readonly SignalDecision[];
  readonly causedBy: EventMeta | undefined;
}

/** What the pipeline's handlers work with: ports, state, logger, metrics and the clock (never Date.now()). */
export interface PipelineHandlerContext {
  readonly engine: PipelineEngine<BarTag>;
  readonly publisher: DecisionPublisher;
  /**
   * Decisions computed from a message but not yet acknowledged by the bus, by the message's event id: when the
   * publish fails the message is redelivered, the engine sees a bar it already has, and these are published again
   * (same event ids, so consumers drop what did get through).
   */
  readonly outbox: Map<string, OutgoingBatch[]>;
  readonly gates: GateSettings;
  readonly costs: CostBook;
  readonly calibration: LatestCalibrationTable;
  /** The config.calibration scope the adaptive strategy follows. */
  readonly calibrationScope: string;
  readonly metrics: PipelineMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
}
