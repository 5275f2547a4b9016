import { collectDefaultMetrics, Registry } from 'prom-client';

export type { Registry } from 'prom-client';

/**
 * Returns a new prom-client Registry for this process, with the default Node.js process metrics
 * (`process_cpu_seconds_total`, `nodejs_eventloop_lag_seconds`, …) registered and a `service` label on every
 * series. Create it once in the composition root and hand it to every component that declares metrics
 * (STYLE.md: one registry per process; metric names `cryptosignal_<service>_<noun>_<unit>`).
 */
export function createMetricsRegistry(options: { service: string; defaultMetrics?: boolean }): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
export { Counter, Gauge, Histogram, Summary } from 'prom-client';
