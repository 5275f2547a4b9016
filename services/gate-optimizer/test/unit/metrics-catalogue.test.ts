import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { catalogueDifferences } from '@cryptosignal/testing';
import { expect, it } from 'vitest';
import { GateOptimizerMetrics } from '../../src/metrics.js';

it('registers exactly the gate-optimizer metrics docs/telemetry.md lists, with their types and labels', () => {
  const registry = createMetricsRegistry({ service: 'gate-optimizer', defaultMetrics: false });
  new GateOptimizerMetrics(registry);
  expect(catalogueDifferences(registry, 'gate-optimizer')).toEqual([]);
});
