import type { EventMeta } from '@cryptosignal/contracts';
import { ManualClock } from '@cryptosignal/runtime';
import { createLogger, createMetricsRegistry, type Registry } from '@cryptosignal/telemetry';
import type { SignalDecision } from '../../src/domain/decision.js';
import { type CoreDeps, createPipelineMetrics } from '../../src/index.js';
import type { DecisionPublisher } from '../../src/ports.js';

/** A publisher that keeps what it was given; `failNext` makes the next call reject once. */
export class RecordingPublisher implements DecisionPublisher {
  readonly decisions: SignalDecision[] = [];
  failNext = false;

  async publish(decisions: readonly SignalDecision[], _causedBy: EventMeta | undefined): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('broker unavailable');
    }
    this.decisions.push(...decisions);
  }
}

/** Core dependencies for unit tests: a recording publisher, a fresh registry, a silent logger, a manual clock. */
export function testDeps(): CoreDeps & {
  publisher: RecordingPublisher;
  registry: Registry;
  clock: ManualClock;
} {
  const registry = createMetricsRegistry({ service: 'pipeline', defaultMetrics: false });
  return {
    publisher: new RecordingPublisher(),
    registry,
    metrics: createPipelineMetrics(registry),
    logger: createLogger({ service: 'pipeline', level: 'silent' }),
    clock: new ManualClock(1_700_000_000_000),
  };
}

/** Returns the value of the series of metric `name` whose labels include `labels` (undefined when none). */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const v of metric.values as {
      value: number;
      labels: Record<string, unknown>;
      metricName?: string;
    }[]) {
      if ((v.metricName ?? metric.name) !== name) continue;
      if (Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)) return v.value;
    }
  }
  return undefined;
}
