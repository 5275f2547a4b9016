import { Counter } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type AdminServer, createMetricsRegistry, startAdminServer } from '../src/index.js';

let server: AdminServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('admin server', () => {
  it('serves default and custom metrics in Prometheus text format with the service label', async () => {
    const registry = createMetricsRegistry({ service: 'recorder' });
    const processed = new Counter({
      name: 'cryptosignal_recorder_messages_processed_total',
      help: 'Messages processed.',
      labelNames: ['topic'],
      registers: [registry],
    });
    processed.inc({ topic: 'signals.published.v1' }, 3);
    server = await startAdminServer({
      port: 0,
      host: '127.0.0.1',
      registry,
      readiness: async () => ({ ready: true, checks: {} }),
    });
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const body = await res.text();
    expect(body).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(body).toMatch(/^nodejs_heap_size_total_bytes\{service="recorder"\} \d+/m);
    expect(body).toContain(
      'cryptosignal_recorder_messages_processed_total{topic="signals.published.v1",service="recorder"} 3',
    );
  });

  it('answers /healthz, flips /readyz from 503 to 200 and treats a failing probe as not ready', async () => {
    let dbUp = false;
    let probeFails = false;
    server = await startAdminServer({
      port: 0,
      host: '127.0.0.1',
      registry: createMetricsRegistry({ service: 'recorder', defaultMetrics: false }),
      readiness: async () => {
        if (probeFails) throw new Error('probe crashed');
        return { ready: dbUp, checks: { postgres: dbUp, kafka: true } };
      },
    });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, checks: { postgres: false, kafka: true } });
    dbUp = true;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { postgres: true, kafka: true } });
    probeFails = true;
    const crashed = await fetch(`${base}/readyz`);
    expect(crashed.status).toBe(503);
    expect(await crashed.json()).toMatchObject({ ready: false, error: 'probe crashed' });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('answers 503 when the readiness probe overruns its timeout', async () => {
    server = await startAdminServer({
      port: 0,
      host: '127.0.0.1',
      registry: createMetricsRegistry({ service: 'recorder', defaultMetrics: false }),
      readiness: () => new Promise(() => undefined),
      readinessTimeoutMs: 50,
    });
    const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, error: 'readiness check exceeded 50 ms' });
  });
});
