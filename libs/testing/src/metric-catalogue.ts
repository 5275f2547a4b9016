import { readFileSync } from 'node:fs';

/** A metric's type (`counter`, `gauge`, `histogram`, …) and label names, as catalogued or as registered. */
export interface MetricShape {
  readonly type: string;
  readonly labels: readonly string[];
}

/**
 * The part of a prom-client `Registry` read here: its instruments, each with `name`, `type` and (when labelled)
 * `labelNames` at run time. Structural, so this package does not depend on prom-client.
 */
export interface MetricRegistryView {
  getMetricsAsArray(): readonly object[];
}

const CATALOGUE_URL = new URL('../../../docs/telemetry.md', import.meta.url);
const METRIC_ROW = /^\|\s*`(cryptosignal_[a-z0-9_]+)`\s*\|\s*([a-z]+)\s*\|\s*([^|]*)\|/;

/** Returns the text of the telemetry catalogue, `docs/telemetry.md` at the repository root. */
export function readTelemetryCatalogue(): string {
  return readFileSync(CATALOGUE_URL, 'utf8');
}

/** Returns the lines of the `### <section>` part of `markdown` (a heading `### collector` or `### Bus (…)`). */
function sectionLines(markdown: string, section: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l === `### ${section}` || l.startsWith(`### ${section} `));
  if (start < 0) throw new Error(`docs/telemetry.md has no "### ${section}" section`);
  const length = lines.slice(start + 1).findIndex((l) => l.startsWith('#'));
  return lines.slice(start + 1, length < 0 ? undefined : start + 1 + length);
}

/**
 * Returns the metric rows of the `### <section>` table of the catalogue (`markdown`, the text of
 * docs/telemetry.md): metric name → type and label names (none for `—`), in the order listed.
 * Thrown when the section is missing, has no metric row, or lists a metric twice.
 */
export function documentedMetrics(markdown: string, section: string): Map<string, MetricShape> {
  const metrics = new Map<string, MetricShape>();
  for (const line of sectionLines(markdown, section)) {
    const row = METRIC_ROW.exec(line);
    if (!row) continue;
    const [, name = '', type = '', labelCell = ''] = row;
    if (metrics.has(name)) throw new Error(`docs/telemetry.md lists ${name} twice in "${section}"`);
    const cell = labelCell.trim();
    const labels = cell === '—' || cell === '' ? [] : cell.split(',').map((l) => l.trim());
    metrics.set(name, { type, labels });
  }
  if (metrics.size === 0) throw new Error(`docs/telemetry.md section "${section}" lists no metric`);
  return metrics;
}

/** Returns the instruments of `registry` whose name starts with `prefix`: name → type and label names. */
export function registeredMetrics(registry: MetricRegistryView, prefix: string): Map<string, MetricShape> {
  const metrics = new Map<string, MetricShape>();
  for (const metric of registry.getMetricsAsArray()) {
    const { name, type, labelNames } = metric as { name?: unknown; type?: unknown; labelNames?: unknown };
    if (typeof name !== 'string' || !name.startsWith(prefix)) continue;
    const labels = Array.isArray(labelNames) ? labelNames.map(String) : [];
    metrics.set(name, { type: String(type), labels });
  }
  return metrics;
}

const sorted = (labels: readonly string[]) => [...labels].sort().join(', ') || 'none';

/**
 * Returns every difference between the `documented` and the `registered` metrics, one sentence each: a metric
 * registered but not documented, documented but not registered, or with another type or other label names
 * (compared as sets). Empty when they agree.
 */
export function metricDifferences(
  documented: ReadonlyMap<string, MetricShape>,
  registered: ReadonlyMap<string, MetricShape>,
): string[] {
  const differences: string[] = [];
  for (const name of registered.keys())
    if (!documented.has(name)) differences.push(`${name} is registered but not in docs/telemetry.md`);
  for (const [name, doc] of documented) {
    const got = registered.get(name);
    if (!got) {
      differences.push(`${name} is in docs/telemetry.md but not registered`);
      continue;
    }
    if (got.type !== doc.type) differences.push(`${name} is a ${got.type}, documented as a ${doc.type}`);
    if (sorted(got.labels) !== sorted(doc.labels))
      differences.push(`${name} has labels ${sorted(got.labels)}, documented ${sorted(doc.labels)}`);
  }
  return differences;
}

/**
 * Returns the differences (see `metricDifferences`) between the `### <section>` table of the catalogue and
 * the `cryptosignal_<section>_*` instruments of `registry` (the section name in lower case, `-` written `_`:
 * `gate-optimizer` → `cryptosignal_gate_optimizer_`, `Bus` → `cryptosignal_bus_`). Empty when code and
 * catalogue agree. Thrown when the section is missing or empty.
 */
export function catalogueDifferences(
  registry: MetricRegistryView,
  section: string,
  markdown: string = readTelemetryCatalogue(),
): string[] {
  const prefix = `cryptosignal_${section.toLowerCase().replaceAll('-', '_')}_`;
  return metricDifferences(documentedMetrics(markdown, section), registeredMetrics(registry, prefix));
}
