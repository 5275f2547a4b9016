/** One series of an instrument: its labels (the registry's default labels included) and value. */
export interface MetricSample {
  readonly labels: Readonly<Record<string, string | number | undefined>>;
  readonly value: number;
}

/** The part of a prom-client `Registry` read here (structural, so this package does not depend on prom-client). */
export interface MetricLookup {
  getSingleMetric(name: string): { get(): Promise<{ readonly values: readonly MetricSample[] }> } | undefined;
}

/**
 * Returns every series of the instrument `name` in `registry` (`registry.getSingleMetric(name).get()`).
 * Thrown when no instrument of that name is registered.
 */
export async function metricSamples(registry: MetricLookup, name: string): Promise<MetricSample[]> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name} in the registry`);
  return [...(await metric.get()).values];
}

/**
 * Returns the value of the series of instrument `name` whose labels include `labels` (all of them, the
 * registry's default `service` label may be left out), or undefined when there is none.
 * Thrown when no instrument of that name is registered.
 */
export async function metricValue(
  registry: MetricLookup,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number | undefined> {
  const wanted = Object.entries(labels);
  const sample = (await metricSamples(registry, name)).find((s) =>
    wanted.every(([key, value]) => String(s.labels[key]) === value),
  );
  return sample?.value;
}
