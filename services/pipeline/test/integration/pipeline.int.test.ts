import { KafkaBus, type Subscription } from '@cryptosignal/bus';
import type { SignalPublished, SignalRejected } from '@cryptosignal/contracts';
import { SystemClock } from '@cryptosignal/runtime';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { testInfra, uniqueName, waitFor } from '@cryptosignal/testing';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { handleGateConfig } from '../../src/handlers/gate-config.js';
import { handleKlineClosed } from '../../src/handlers/kline-closed.js';
import {
  createPipelineCore,
  DEFAULT_PIPELINE_CONFIG,
  type PipelineConfig,
  pipelineTopics,
  startPipeline,
  topicList,
} from '../../src/index.js';
import { T0, trend } from '../support/bars.js';
import { gateConfigEvent } from '../support/config-events.js';
import { testDeps } from '../support/fakes.js';
import { klineMessage } from '../support/wire.js';

const infra = testInfra();
const HOURS = 160;
const bars = [...trend('ETHUSDT', HOURS, T0, 0.004), ...trend('BTCUSDT', HOURS, T0, 0.002)];
const gates = gateConfigEvent({ 'gate4_cost.min_ev_net': 0.5 }, T0 - 1);

/** The decisions the same bars give through the handlers in memory, in publication order: `<signal id> <gate|OK>`. */
async function expected(config: PipelineConfig): Promise<string[]> {
  const deps = testDeps();
  const core = createPipelineCore(config, deps);
  await handleGateConfig(gates, core);
  for (const k of [...bars].sort((a, b) => a.openTime - b.openTime))
    await handleKlineClosed(klineMessage(k), core);
  return deps.publisher.decisions.map((d) => `${d.signalId} ${d.verdict.rejectedBy?.gate ?? 'OK'}`).sort();
}

describe('pipeline on Kafka', () => {
  it('bars of two symbols on separate partitions in, the same signals and rejections out as in memory', async () => {
    const name = uniqueName('pipeline');
    const topics = pipelineTopics(`${name}.`);
    const config: PipelineConfig = {
      ...DEFAULT_PIPELINE_CONFIG,
      engine: { ...DEFAULT_PIPELINE_CONFIG.engine, maxPendingBars: 10_000 },
      groupId: name,
      instanceId: 'int',
      topicPrefix: `${name}.`,
    };
    const bus = new KafkaBus({
      serviceName: name,
      brokers: infra.kafkaBrokers,
      logLevel: kafkajs.logLevel.ERROR,
    });
    const subscriptions: Subscription[] = [];
    const pipeline = { stop: async () => undefined } as { stop(): Promise<void> };
    try {
      await bus.ensureTopics(topicList(topics));
      const published: SignalPublished[] = [];
      const rejected: SignalRejected[] = [];
      subscriptions.push(
        await bus.subscribe(topics.signalsPublished, {
          groupId: `${name}.probe`,
          handler: async (v) => void published.push(v),
        }),
        await bus.subscribe(topics.signalsRejected, {
          groupId: `${name}.probe.r`,
          handler: async (v) => void rejected.push(v),
        }),
      );
      const logger = createLogger({ service: 'pipeline', level: 'silent' });
      const metrics = createMetricsRegistry({ service: 'pipeline', defaultMetrics: false });
      const running = await startPipeline({ bus, clock: new SystemClock(), logger, metrics }, config, {
        topics,
      });
      pipeline.stop = () => running.stop();
      await bus.publish(topics.configGates, gates);
      await waitFor(() => running.core.gates.current().minEvNet === 0.5, {
        timeoutMs: 30_000,
        describe: 'gate config applied',
      });
      await bus.publishBatch(topics.klines1h, bars.map(klineMessage));
      const want = await expected(config);
      expect(want.length).toBeGreaterThan(20);
      await waitFor(() => published.length + rejected.length >= want.length, {
        timeoutMs: 120_000,
        describe: `${want.length} signal events`,
      });
      const got = [
        ...published.map((e) => `${e.snapshot?.signalId} OK`),
        ...rejected.map((e) => `${e.snapshot?.signalId} ${e.rejection?.gate}`),
      ].sort();
      expect(got).toEqual(want);
      expect(rejected.some((e) => e.rejection?.gate === 'gate4_cost')).toBe(true);
      expect(published.every((e) => e.snapshot?.strategyVersion === '7.2.0-fixed')).toBe(true);
    } finally {
      await pipeline.stop();
      for (const s of subscriptions) await s.stop();
      await bus.close();
    }
  });
});
