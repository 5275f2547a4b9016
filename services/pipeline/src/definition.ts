import type { ServiceDefinition } from '@cryptosignal/host';
import { startPipeline } from './app.js';
import type { PipelineConfig } from './settings.js';
import { pipelineTopics, topicList } from './topics.js';

/**
 * The pipeline for its hosts (its own `main.ts` in distributed mode, the CLI in embedded mode): consumes
 * `market.klines.1h`, `market.funding`, `market.open_interest`, `market.trades`, `trades.closed` and the
 * `config.gates` / `config.calibration` / `config.costs` topics, and publishes `signals.published` and
 * `signals.rejected`. It owns no table (no migrations): its state is rebuilt from the topics.
 */
export const pipelineService: ServiceDefinition<PipelineConfig> = {
  name: 'pipeline',
  migrations: [],
  topics: topicList(pipelineTopics()),
  start: (ctx, config) => startPipeline(ctx, config),
};
