import { type MessageCheck, type MessageFns, type ProtobufCodec, protobufCodec } from './codec.js';
import { ContractError } from './contract-error.js';
import {
  CalibrationTablePublished,
  CostModelPublished,
  DepthSnapshot,
  type EventMeta,
  ExecutionReported,
  FundingRate,
  GateConfigPublished,
  Kline,
  ModelsConfigPublished,
  OpenInterest,
  SignalPublished,
  SignalRejected,
  TradeClosed,
  TradeFlow,
} from './generated.js';
import type { TopicSpec } from './topic.js';
import {
  checkCalibrationTable,
  checkCostModel,
  checkGateConfig,
  checkModelsConfig,
} from './validate-config.js';
import { checkExecutionReported, checkTradeClosed } from './validate-execution.js';
import {
  checkDepthSnapshot,
  checkFundingRate,
  checkOpenInterest,
  checkTradeFlow,
  klineCheck,
} from './validate-market.js';
import { checkSignalPublished, checkSignalRejected } from './validate-signals.js';

/** A TopicSpec of this registry: protobuf codec with validation, and the proto message name it carries. */
export interface ContractTopic<T> extends TopicSpec<T> {
  readonly codec: ProtobufCodec<T>;
  /** Fully-qualified proto message name, e.g. `cryptosignal.v1.SignalPublished`. */
  readonly messageType: string;
}

interface TopicDef<T> {
  name: string;
  message: string;
  fns: MessageFns<T>;
  check: MessageCheck<T>;
  key: (value: T) => string | undefined;
  compacted?: boolean;
}

function defineTopic<T extends { meta?: EventMeta | undefined }>(def: TopicDef<T>): ContractTopic<T> {
  const missing = (field: string): never => {
    throw new ContractError(
      'CONTRACT_VALIDATION_FAILED',
      def.name,
      field,
      `${def.name}: ${field} is required`,
    );
  };
  return {
    name: def.name,
    dlq: `${def.name}.dlq`,
    messageType: `cryptosignal.v1.${def.message}`,
    codec: protobufCodec(def.name, def.fns, def.check),
    compacted: def.compacted ?? false,
    key: (value) => def.key(value) || missing('key'),
    eventId: (value) => value.meta?.eventId || missing('meta.eventId'),
  };
}

/**
 * The topic registry: every Kafka topic of the platform bound to its message type, partition key and DLQ.
 * Market and signal topics are keyed by symbol, executions and results by signal_id, config topics (compacted)
 * by scope.
 */
export const TOPICS = {
  marketKlines1m: defineTopic<Kline>({
    name: 'market.klines.1m.v1',
    message: 'Kline',
    fns: Kline,
    check: klineCheck('1m'),
    key: (v) => v.symbol,
  }),
  marketKlines1h: defineTopic<Kline>({
    name: 'market.klines.1h.v1',
    message: 'Kline',
    fns: Kline,
    check: klineCheck('1h'),
    key: (v) => v.symbol,
  }),
  marketFunding: defineTopic<FundingRate>({
    name: 'market.funding.v1',
    message: 'FundingRate',
    fns: FundingRate,
    check: checkFundingRate,
    key: (v) => v.symbol,
  }),
  marketOpenInterest: defineTopic<OpenInterest>({
    name: 'market.open_interest.v1',
    message: 'OpenInterest',
    fns: OpenInterest,
    check: checkOpenInterest,
    key: (v) => v.symbol,
  }),
  marketDepth: defineTopic<DepthSnapshot>({
    name: 'market.depth.v1',
    message: 'DepthSnapshot',
    fns: DepthSnapshot,
    check: checkDepthSnapshot,
    key: (v) => v.symbol,
  }),
  marketTrades: defineTopic<TradeFlow>({
    name: 'market.trades.v1',
    message: 'TradeFlow',
    fns: TradeFlow,
    check: checkTradeFlow,
    key: (v) => v.symbol,
  }),
  signalsPublished: defineTopic<SignalPublished>({
    name: 'signals.published.v1',
    message: 'SignalPublished',
    fns: SignalPublished,
    check: checkSignalPublished,
    key: (v) => v.snapshot?.symbol,
  }),
  signalsRejected: defineTopic<SignalRejected>({
    name: 'signals.rejected.v1',
    message: 'SignalRejected',
    fns: SignalRejected,
    check: checkSignalRejected,
    key: (v) => v.snapshot?.symbol,
  }),
  executionsReported: defineTopic<ExecutionReported>({
    name: 'executions.reported.v1',
    message: 'ExecutionReported',
    fns: ExecutionReported,
    check: checkExecutionReported,
    key: (v) => v.signalId,
  }),
  tradesClosed: defineTopic<TradeClosed>({
    name: 'trades.closed.v1',
    message: 'TradeClosed',
    fns: TradeClosed,
    check: checkTradeClosed,
    key: (v) => v.signalId,
  }),
  configCalibration: defineTopic<CalibrationTablePublished>({
    name: 'config.calibration.v1',
    message: 'CalibrationTablePublished',
    fns: CalibrationTablePublished,
    check: checkCalibrationTable,
    key: (v) => v.scope,
    compacted: true,
  }),
  configGates: defineTopic<GateConfigPublished>({
    name: 'config.gates.v1',
    message: 'GateConfigPublished',
    fns: GateConfigPublished,
    check: checkGateConfig,
    key: (v) => v.scope,
    compacted: true,
  }),
  configCosts: defineTopic<CostModelPublished>({
    name: 'config.costs.v1',
    message: 'CostModelPublished',
    fns: CostModelPublished,
    check: checkCostModel,
    key: (v) => v.scope,
    compacted: true,
  }),
  configModels: defineTopic<ModelsConfigPublished>({
    name: 'config.models.v1',
    message: 'ModelsConfigPublished',
    fns: ModelsConfigPublished,
    check: checkModelsConfig,
    key: (v) => v.scope,
    compacted: true,
  }),
} as const;

/** Registry key of a topic (`signalsPublished`). */
export type TopicKey = keyof typeof TOPICS;

/** Message type carried by the topic of registry key `K`. */
export type TopicMessage<K extends TopicKey> = (typeof TOPICS)[K] extends ContractTopic<infer T> ? T : never;

/** Every topic of the registry, in declaration order. */
export const TOPIC_LIST: readonly ContractTopic<unknown>[] = Object.values(
  TOPICS,
) as ContractTopic<unknown>[];

/** Names of every topic (`signals.published.v1`), without their DLQs. */
export const TOPIC_NAMES: readonly string[] = TOPIC_LIST.map((t) => t.name);

/** A topic the bus must create: its name and whether it is compacted (a DLQ never is). */
export interface TopicDeclaration {
  readonly name: string;
  readonly compacted: boolean;
}

/** Every topic to create explicitly, each followed by its DLQ. */
export const TOPIC_DECLARATIONS: readonly TopicDeclaration[] = TOPIC_LIST.flatMap((t) => [
  { name: t.name, compacted: t.compacted },
  { name: t.dlq, compacted: false },
]);

/** Returns the registry topic named `name` (`signals.published.v1`), or undefined when there is none. */
export function topicByName(name: string): ContractTopic<unknown> | undefined {
  return TOPIC_LIST.find((t) => t.name === name);
}
