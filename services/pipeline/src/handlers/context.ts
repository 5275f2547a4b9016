import type { LatestCalibrationTable } from '@cryptosignal/calibration';
import type { EventMeta } from '@cryptosignal/contracts';
import type { CallSettings, InferencePort, ModelKind } from '@cryptosignal/inference-client';
import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import type { CostBook } from '../domain/cost-book.js';
import type { SignalDecision, StrategyId } from '../domain/decision.js';
import type { GateSettings } from '../domain/gate-settings.js';
import type { ModelStageSettings } from '../domain/model-fusion.js';
import type { CompiledLayout, ModelInputs } from '../domain/model-inputs.js';
import type { PipelineEngine } from '../domain/pipeline-engine.js';
import type { PipelineMetrics } from '../metrics.js';
import type { DecisionPublisher } from '../ports.js';

/** What a bar carries through the engine: when it arrived (clock ms) and the event that brought it. */
export interface BarTag {
  readonly receivedMs: number;
  readonly meta: EventMeta | undefined;
}

/**
 * Decisions of one evaluated bar, waiting to be published, with the event they are chained to and, for the
 * candidates of model-consulting strategies, what to ask the models (inputs captured when the bar was evaluated).
 */
export interface OutgoingBatch {
  readonly decisions: readonly SignalDecision[];
  readonly causedBy: EventMeta | undefined;
  readonly advice: readonly PendingAdvice[];
}

/** A decision waiting for the models: its place in the batch, its strategy's stage and the models' inputs (or why none). */
export interface PendingAdvice {
  readonly index: number;
  readonly stage: ModelStageSettings;
  readonly inputs: { readonly inputs: ModelInputs } | { readonly missing: string };
}

/**
 * The model side of the pipeline: the inference port (gRPC client or in-process engine), the stage of each
 * model-consulting strategy, the models' input layouts, the market reference whose window the LSTM reads, and the
 * per-call settings (deadline).
 */
export interface ModelContext {
  readonly port: InferencePort;
  readonly stages: ReadonlyMap<StrategyId, ModelStageSettings>;
  readonly layouts: Readonly<Record<ModelKind, CompiledLayout>>;
  readonly referenceSymbol: string;
  readonly call: CallSettings | undefined;
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
  /** Undefined when no strategy consults models (v7.2 only). */
  readonly models: ModelContext | undefined;
}
