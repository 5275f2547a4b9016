import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { catalogueDifferences } from '@cryptosignal/testing';
import { expect, it } from 'vitest';
import { CollectorMetrics } from '../../src/metrics.js';

it('registers exactly the collector metrics docs/telemetry.md lists, with their types and labels', () => {
  const registry = createMetricsRegistry({ service: 'collector', defaultMetrics: false });
  new CollectorMetrics(registry);
  expect(catalogueDifferences(registry, 'collector')).toEqual([]);
});
