import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { catalogueDifferences } from '@cryptosignal/testing';
import { expect, it } from 'vitest';
import { ExecutorMetrics } from '../../src/metrics.js';

it('registers exactly the executor metrics docs/telemetry.md lists, with their types and labels', () => {
  const registry = createMetricsRegistry({ service: 'executor', defaultMetrics: false });
  new ExecutorMetrics(registry);
  expect(catalogueDifferences(registry, 'executor')).toEqual([]);
});
