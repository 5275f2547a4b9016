import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The job of infra/prometheus/prometheus.yml whose targets are read from `CS_PROMETHEUS_TARGETS_DIR`. */
export const LOCAL_FILE_SD_JOB = 'cryptosignal-local';

/** One series of an instant vector answered by `GET /api/v1/query`: its labels and value. */
export interface PromSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

interface QueryResponse {
  readonly status: string;
  readonly error?: string;
  readonly data?: { readonly resultType: string; readonly result: readonly QueryResult[] };
}

interface QueryResult {
  readonly metric: Record<string, string>;
  readonly value: readonly [number, string];
}

/**
 * Returns the instant vector of `query` evaluated now by Prometheus at `baseUrl` (`GET /api/v1/query`).
 * Thrown when the request fails, or Prometheus answers an error or a result that is not a vector.
 */
export async function promQuery(baseUrl: string, query: string): Promise<PromSample[]> {
  const res = await fetch(`${baseUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await res.json()) as QueryResponse;
  if (body.status !== 'success' || body.data?.resultType !== 'vector') {
    throw new Error(`${query}: HTTP ${res.status}, ${body.error ?? body.data?.resultType}`);
  }
  return body.data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
}

/**
 * Resolves when the configuration Prometheus at `baseUrl` runs (`GET /api/v1/status/config`) has the
 * `LOCAL_FILE_SD_JOB` job. Thrown, naming the fix, when it has not (a server started before the job existed).
 */
export async function requireFileSdJob(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/status/config`);
  const body = (await res.json()) as { data?: { yaml?: string } };
  if (!body.data?.yaml?.includes(`job_name: ${LOCAL_FILE_SD_JOB}`)) {
    throw new Error(
      `Prometheus at ${baseUrl} has no ${LOCAL_FILE_SD_JOB} job: run bash infra/scripts/prometheus.sh start (reloads the config)`,
    );
  }
}

/**
 * Registers `target` (`host:port`) with the file_sd job by writing `<dir>/<name>.json` (written under another
 * name, then renamed, so Prometheus never reads half a file) with `labels` on it; returns a function removing
 * the file again.
 */
export function registerTarget(
  dir: string,
  name: string,
  target: string,
  labels: Readonly<Record<string, string>>,
): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(`${path}.tmp`, JSON.stringify([{ targets: [target], labels }]));
  renameSync(`${path}.tmp`, path);
  return () => rmSync(path, { force: true });
}

/**
 * Returns the value of the series of `metric` whose labels include `labels`, read from a Prometheus text
 * exposition (`/metrics`), or undefined when there is none.
 */
export function exposedValue(
  exposition: string,
  metric: string,
  labels: Readonly<Record<string, string>>,
): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    const labelText = line.slice(metric.length, line.lastIndexOf(' '));
    if (wanted.every((w) => labelText.includes(`{${w}`) || labelText.includes(`,${w}`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}
