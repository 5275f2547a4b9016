import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { catalogueDifferences } from '@cryptosignal/testing';
import { expect, it } from 'vitest';
import { CostModelMetrics } from '../../src/metrics.js';

it('registers exactly the cost-model metrics docs/telemetry.md lists, with their types and labels', () => {
  const registry = createMetricsRegistry({ service: 'cost-model', defaultMetrics: false });
  new CostModelMetrics(registry);
  expect(catalogueDifferences(registry, 'cost-model')).toEqual([]);
});
