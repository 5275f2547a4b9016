import {
  type CalibrationTablePublished,
  type CostModelPublished,
  type FundingRate,
  type GateConfigPublished,
  type Kline,
  type OpenInterest,
  renameTopic,
  type SignalPublished,
  type SignalRejected,
  TOPICS,
  type TopicSpec,
  type TradeClosed,
  type TradeFlow,
} from '@cryptosignal/contracts';

/** The topics the pipeline consumes and produces (renamed per test with `renameTopic`). */
export interface PipelineTopics {
  readonly klines1h: TopicSpec<Kline>;
  readonly funding: TopicSpec<FundingRate>;
  readonly openInterest: TopicSpec<OpenInterest>;
  readonly trades: TopicSpec<TradeFlow>;
  readonly tradesClosed: TopicSpec<TradeClosed>;
  readonly configGates: TopicSpec<GateConfigPublished>;
  readonly configCalibration: TopicSpec<CalibrationTablePublished>;
  readonly configCosts: TopicSpec<CostModelPublished>;
  readonly signalsPublished: TopicSpec<SignalPublished>;
  readonly signalsRejected: TopicSpec<SignalRejected>;
}

/** The registry's topics, each name prefixed with `prefix` (default none). */
export function pipelineTopics(prefix = ''): PipelineTopics {
  const named = <T>(topic: TopicSpec<T>): TopicSpec<T> =>
    prefix === '' ? topic : renameTopic(topic, `${prefix}${topic.name}`);
  return {
    klines1h: named(TOPICS.marketKlines1h),
    funding: named(TOPICS.marketFunding),
    openInterest: named(TOPICS.marketOpenInterest),
    trades: named(TOPICS.marketTrades),
    tradesClosed: named(TOPICS.tradesClosed),
    configGates: named(TOPICS.configGates),
    configCalibration: named(TOPICS.configCalibration),
    configCosts: named(TOPICS.configCosts),
    signalsPublished: named(TOPICS.signalsPublished),
    signalsRejected: named(TOPICS.signalsRejected),
  };
}

/** Every topic of `topics`, for the host to create with its DLQ. */
export function topicList(topics: PipelineTopics): TopicSpec<unknown>[] {
  return Object.values(topics) as TopicSpec<unknown>[];
}
