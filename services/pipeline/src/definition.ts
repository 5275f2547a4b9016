import type { ServiceDefinition } from '@cryptosignal/host';
import type { InferencePort } from '@cryptosignal/inference-client';
import { startPipeline } from './app.js';
import type { PipelineConfig } from './settings.js';
import { pipelineTopics, topicList } from './topics.js';

/**
 * Returns the pipeline for its hosts (its own `main.ts` in distributed mode, the CLI in embedded mode) over the
 * inference port `inference` (needed when the config sets `models`): consumes `market.klines.1h`,
 * `market.funding`, `market.open_interest`, `market.trades`, `trades.closed` and the `config.gates` /
 * `config.calibration` / `config.costs` topics, and publishes `signals.published` and `signals.rejected`. It owns
 * no table (no migrations): its state is rebuilt from the topics.
 */
export function pipelineServiceWith(ports: {
  readonly inference?: InferencePort;
}): ServiceDefinition<PipelineConfig> {
  return {
    name: 'pipeline',
    migrations: [],
    topics: topicList(pipelineTopics()),
    start: (ctx, config) => startPipeline(ctx, config, ports.inference ? { inference: ports.inference } : {}),
  };
}

/** The pipeline without models (v7.2 strategies only); see {@link pipelineServiceWith}. */
export const pipelineService: ServiceDefinition<PipelineConfig> = pipelineServiceWith({});
