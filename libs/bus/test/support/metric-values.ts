import type { Registry } from '@cryptosignal/telemetry';

/**
 * Returns the value of the series `name` (for histograms e.g. `<name>_count`) whose labels include `labels`,
 * summed over matching series; 0 when none matches. `metric` is the instrument's name when it differs from the
 * series name (histogram `_count`/`_sum`/`_bucket` series).
 */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Readonly<Record<string, string>>,
  metric: string = name,
): Promise<number> {
  const instrument = registry.getSingleMetric(metric);
  if (instrument === undefined) return 0;
  const { values } = await instrument.get();
  let sum = 0;
  for (const v of values) {
    const series = (v as { metricName?: string }).metricName ?? metric;
    const matches = Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want);
    if (series === name && matches) sum += v.value;
  }
  return sum;
}

/** Returns whether the gauge or counter `name` has a series with exactly `labels`' values for those labels. */
export async function hasSeries(
  registry: Registry,
  name: string,
  labels: Readonly<Record<string, string>>,
): Promise<boolean> {
  const instrument = registry.getSingleMetric(name);
  if (instrument === undefined) return false;
  const { values } = await instrument.get();
  return values.some((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
}
