import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { catalogueDifferences } from '@cryptosignal/testing';
import { expect, it } from 'vitest';
import { createRecorderMetrics } from '../../src/metrics.js';

it('registers exactly the recorder metrics docs/telemetry.md lists, with their types and labels', () => {
  const registry = createMetricsRegistry({ service: 'recorder', defaultMetrics: false });
  createRecorderMetrics(registry);
  expect(catalogueDifferences(registry, 'recorder')).toEqual([]);
});
