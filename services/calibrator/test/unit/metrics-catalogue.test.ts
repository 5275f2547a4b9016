import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { catalogueDifferences } from '@cryptosignal/testing';
import { expect, it } from 'vitest';
import { CalibratorMetrics } from '../../src/metrics.js';

it('registers exactly the calibrator metrics docs/telemetry.md lists, with their types and labels', () => {
  const registry = createMetricsRegistry({ service: 'calibrator', defaultMetrics: false });
  new CalibratorMetrics(registry);
  expect(catalogueDifferences(registry, 'calibrator')).toEqual([]);
});
