import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { catalogueDifferences } from '@cryptosignal/testing';
import { expect, it } from 'vitest';
import { InferenceMetrics } from '../../src/metrics.js';

it('registers exactly the inference metrics docs/telemetry.md lists, with their types and labels', () => {
  const registry = createMetricsRegistry({ service: 'inference', defaultMetrics: false });
  new InferenceMetrics(registry);
  expect(catalogueDifferences(registry, 'inference')).toEqual([]);
});
