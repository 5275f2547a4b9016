import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { catalogueDifferences } from '@cryptosignal/testing';
import { expect, it } from 'vitest';
import { createPipelineMetrics } from '../../src/metrics.js';

it('registers exactly the pipeline metrics docs/telemetry.md lists, with their types and labels', () => {
  const registry = createMetricsRegistry({ service: 'pipeline', defaultMetrics: false });
  createPipelineMetrics(registry);
  expect(catalogueDifferences(registry, 'pipeline')).toEqual([]);
});
