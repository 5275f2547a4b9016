import { describe, expect, it } from 'vitest';
import {
  catalogueDifferences,
  documentedMetrics,
  type MetricRegistryView,
  metricDifferences,
  metricValue,
  readTelemetryCatalogue,
  registeredMetrics,
} from '../src/index.js';

const DOC = `
### shop

| metric | type | labels | meaning |
|---|---|---|---|
| \`cryptosignal_shop_orders_total\` | counter | side, result | Orders. |
| \`cryptosignal_shop_open_orders\` | gauge | — | Open orders. |

### shop-floor (the floor)

| metric | type | labels | meaning |
|---|---|---|---|
| \`cryptosignal_shop_floor_wait_seconds\` | histogram | lane | Wait. Buckets 1, 2. |

## Spans
`;

/** A registry holding instruments shaped like prom-client's (name, type, labelNames). */
const registryOf = (...metrics: object[]): MetricRegistryView => ({ getMetricsAsArray: () => metrics });

describe('documentedMetrics', () => {
  it('reads the rows of one section only, with their type and labels', () => {
    expect(documentedMetrics(DOC, 'shop')).toEqual(
      new Map([
        ['cryptosignal_shop_orders_total', { type: 'counter', labels: ['side', 'result'] }],
        ['cryptosignal_shop_open_orders', { type: 'gauge', labels: [] }],
      ]),
    );
    expect([...documentedMetrics(DOC, 'shop-floor').keys()]).toEqual([
      'cryptosignal_shop_floor_wait_seconds',
    ]);
  });

  it('refuses a missing or empty section and a metric listed twice', () => {
    expect(() => documentedMetrics(DOC, 'shelf')).toThrow(/no "### shelf" section/);
    expect(() => documentedMetrics('### shelf\n\nnothing\n', 'shelf')).toThrow(/lists no metric/);
    const twice = `### shop\n${DOC.split('\n')[5]}\n${DOC.split('\n')[5]}\n`;
    expect(() => documentedMetrics(twice, 'shop')).toThrow(/twice/);
  });

  it('finds rows in the real catalogue', () => {
    const collector = documentedMetrics(readTelemetryCatalogue(), 'collector');
    expect(collector.get('cryptosignal_collector_last_event_timestamp_seconds')).toEqual({
      type: 'gauge',
      labels: ['stream'],
    });
  });
});

describe('catalogueDifferences', () => {
  it('is empty when the registry holds exactly the section, labels in any order', () => {
    const registry = registryOf(
      { name: 'cryptosignal_shop_orders_total', type: 'counter', labelNames: ['result', 'side'] },
      { name: 'cryptosignal_shop_open_orders', type: 'gauge', labelNames: [] },
      { name: 'cryptosignal_bus_messages_processed_total', type: 'counter' },
    );
    expect(catalogueDifferences(registry, 'shop', DOC)).toEqual([]);
  });

  it('names every difference in both directions, type and labels included', () => {
    const registry = registryOf(
      { name: 'cryptosignal_shop_orders_total', type: 'gauge', labelNames: ['side'] },
      { name: 'cryptosignal_shop_refunds_total', type: 'counter' },
    );
    expect(catalogueDifferences(registry, 'shop', DOC)).toEqual([
      'cryptosignal_shop_refunds_total is registered but not in docs/telemetry.md',
      'cryptosignal_shop_orders_total is a gauge, documented as a counter',
      'cryptosignal_shop_orders_total has labels side, documented result, side',
      'cryptosignal_shop_open_orders is in docs/telemetry.md but not registered',
    ]);
  });

  it('maps a capitalised section name to the lower-case prefix', () => {
    const registry = registryOf({ name: 'cryptosignal_shop_open_orders', type: 'gauge' });
    const doc = DOC.replace('### shop\n', '### Shop (the library)\n');
    expect(catalogueDifferences(registry, 'Shop', doc)).toEqual([
      'cryptosignal_shop_orders_total is in docs/telemetry.md but not registered',
    ]);
  });

  it('maps a dashed section name to the underscored prefix', () => {
    const registry = registryOf({
      name: 'cryptosignal_shop_floor_wait_seconds',
      type: 'histogram',
      labelNames: ['lane'],
    });
    expect(catalogueDifferences(registry, 'shop-floor', DOC)).toEqual([]);
    expect(metricDifferences(new Map(), registeredMetrics(registry, 'cryptosignal_shop_'))).toEqual([
      'cryptosignal_shop_floor_wait_seconds is registered but not in docs/telemetry.md',
    ]);
  });
});

describe('metricValue', () => {
  const registry = {
    getSingleMetric: (name: string) =>
      name === 'm'
        ? {
            get: async () => ({
              values: [
                { labels: { service: 's', stream: 'a' }, value: 1 },
                { labels: { service: 's', stream: 'b' }, value: 2 },
              ],
            }),
          }
        : undefined,
  };

  it('returns the value of the series matching the labels, undefined when none does', async () => {
    expect(await metricValue(registry, 'm', { stream: 'b' })).toBe(2);
    expect(await metricValue(registry, 'm', { stream: 'c' })).toBeUndefined();
    await expect(metricValue(registry, 'x')).rejects.toThrow(/no metric x/);
  });
});
