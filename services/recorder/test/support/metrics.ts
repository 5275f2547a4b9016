import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { createRecorderMetrics, type RecorderMetrics } from '../../src/metrics.js';

/** Returns fresh recorder instruments on their own registry. */
export function freshMetrics(): RecorderMetrics {
  return createRecorderMetrics(createMetricsRegistry({ service: 'recorder', defaultMetrics: false }));
}

/** Returns the value of a counter or gauge for `labels` (0 when never set). */
export async function metricValue(
  metric: { get(): Promise<{ values: { labels: object; value: number }[] }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await metric.get();
  const match = values.find((v) =>
    Object.entries(labels).every(([k, want]) => (v.labels as Record<string, unknown>)[k] === want),
  );
  return match?.value ?? 0;
}
