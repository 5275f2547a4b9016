import { spawnSync } from 'node:child_process';
import { Counter, Histogram } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminServer, createMetricsRegistry, startAdminServer } from '../src/index.js';

let server: AdminServer;
beforeAll(async () => {
  const registry = createMetricsRegistry({ service: 'telemetry-int' });
  new Counter({
    name: 'cryptosignal_telemetry_int_events_total',
    help: 'Events.',
    registers: [registry],
  }).inc(2);
  new Histogram({
    name: 'cryptosignal_telemetry_int_handle_seconds',
    help: 'Handling time.',
    buckets: [0.01, 0.1, 1],
    registers: [registry],
  }).observe(0.05);
  server = await startAdminServer({
    port: 0,
    host: '127.0.0.1',
    registry,
    readiness: async () => ({ ready: true, checks: {} }),
  });
});
afterAll(async () => {
  await server.close();
});

describe('admin server against the real Prometheus toolchain', () => {
  it('serves /metrics that promtool accepts, with default and custom series', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('process_resident_memory_bytes{service="telemetry-int"}');
    expect(body).toContain('cryptosignal_telemetry_int_events_total{service="telemetry-int"} 2');
    expect(body).toContain(
      'cryptosignal_telemetry_int_handle_seconds_bucket{le="0.1",service="telemetry-int"} 1',
    );

    const check = spawnSync('promtool', ['check', 'metrics'], {
      input: body,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(
      check.error,
      'promtool (Debian package prometheus, installed by infra/scripts/up.sh)',
    ).toBeUndefined();
    const output = `${check.stdout}${check.stderr}`;
    // Exit 1: the text does not parse. Exit 3: lint findings, tolerated only for prom-client's own default
    // metrics (e.g. the gauge nodejs_active_handles_total); ours must lint clean.
    expect([0, 3], output).toContain(check.status);
    const findings = output.split('\n').filter((line) => line.trim().length > 0);
    expect(findings.filter((line) => !/^(nodejs|process)_/.test(line))).toEqual([]);
  });
});
