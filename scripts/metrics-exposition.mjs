#!/usr/bin/env node
// Writes the Prometheus text exposition of every service's metric registry, built as each composition root
// builds it (its `src/metrics.ts` instruments on a fresh registry with the `service` default label), and of the
// bus' instruments (a KafkaBus given a registry; it opens no connection), with one sample in every instrument
// and every label set to a placeholder, so that `promtool check metrics` sees each name, type, help and label.
// Reads the built packages (dist): run `npm run build` first.
// Usage: node scripts/metrics-exposition.mjs OUT_DIR; writes OUT_DIR/<name>.prom, prints one summary line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMetricsRegistry } from '@cryptosignal/telemetry';

/** Each service (and the bus) and how its instruments are declared on a registry. */
const SERVICES = {
  collector: async (r) => new (await import('@cryptosignal/collector')).CollectorMetrics(r),
  pipeline: async (r) => (await import('@cryptosignal/pipeline')).createPipelineMetrics(r),
  executor: async (r) => new (await import('@cryptosignal/executor')).ExecutorMetrics(r),
  recorder: async (r) => (await import('@cryptosignal/recorder')).createRecorderMetrics(r),
  calibrator: async (r) => new (await import('@cryptosignal/calibrator')).CalibratorMetrics(r),
  'gate-optimizer': async (r) => new (await import('@cryptosignal/gate-optimizer')).GateOptimizerMetrics(r),
  'cost-model': async (r) => new (await import('@cryptosignal/cost-model')).CostModelMetrics(r),
  inference: async (r) => new (await import('@cryptosignal/inference')).InferenceMetrics(r),
  bus: async (registry) => {
    const { KafkaBus } = await import('@cryptosignal/bus');
    const bus = new KafkaBus({ serviceName: 'bus', brokers: ['127.0.0.1:9'], registry, logLevel: 0 });
    await bus.close();
  },
};

/** Records one sample in `metric` with every label set to `sample`. Thrown for an unknown instrument type. */
function sampleOnce(metric) {
  const labels = Object.fromEntries((metric.labelNames ?? []).map((name) => [name, 'sample']));
  if (metric.type === 'counter') metric.inc(labels);
  else if (metric.type === 'gauge') metric.set(labels, 1);
  else if (metric.type === 'histogram' || metric.type === 'summary') metric.observe(labels, 1);
  else throw new Error(`${metric.name}: unknown instrument type ${metric.type}`);
}

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node scripts/metrics-exposition.mjs OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
let instruments = 0;
for (const [service, declare] of Object.entries(SERVICES)) {
  const registry = createMetricsRegistry({ service, defaultMetrics: false });
  await declare(registry);
  const metrics = registry.getMetricsAsArray();
  if (metrics.length === 0) throw new Error(`${service}: no instrument registered`);
  for (const metric of metrics) sampleOnce(metric);
  instruments += metrics.length;
  writeFileSync(join(outDir, `${service}.prom`), await registry.metrics());
}
console.log(`${Object.keys(SERVICES).length} registries, ${instruments} instruments written to ${outDir}`);
