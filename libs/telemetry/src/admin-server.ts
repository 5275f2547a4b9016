import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** The answer of a readiness probe: ready overall, and the state of each named dependency. */
export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
}

/** Options of `startAdminServer`. */
export interface AdminServerOptions {
  /** TCP port; 0 picks a free ephemeral port (tests). */
  readonly port: number;
  /** Interface to bind; `0.0.0.0` by default so that Prometheus and the kubelet can reach it. */
  readonly host?: string;
  /** The process registry served on /metrics. */
  readonly registry: Registry;
  /** Says whether the service can take traffic; called on each /readyz. */
  readonly readiness: () => Promise<Readiness>;
  /** Longest wait for `readiness`, in ms (default 2 000); past it /readyz answers 503. */
  readonly readinessTimeoutMs?: number;
}

/** A running admin server. */
export interface AdminServer {
  /** The bound TCP port (the chosen one when `port` was 0). */
  readonly port: number;
  /** Stops accepting connections, drops open ones and resolves once closed. */
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

async function probeReadiness(options: AdminServerOptions): Promise<Readiness & { error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = options.readinessTimeoutMs ?? 2_000;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`readiness check exceeded ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([options.readiness(), timeout]);
  } catch (error) {
    return { ready: false, checks: {}, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function route(req: IncomingMessage, res: ServerResponse, options: AdminServerOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://admin').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
  } else if (path === '/metrics') {
    send(res, 200, options.registry.contentType, await options.registry.metrics());
  } else if (path === '/healthz') {
    send(res, 200, 'application/json', JSON.stringify({ status: 'ok' }));
  } else if (path === '/readyz') {
    const readiness = await probeReadiness(options);
    send(res, readiness.ready ? 200 : 503, 'application/json', JSON.stringify(readiness));
  } else {
    send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
}

/**
 * Starts the admin HTTP server (node:http), separate from any gRPC port: `GET /metrics` answers the registry in
 * Prometheus text format, `GET /healthz` answers 200 while the process is alive, and `GET /readyz` answers 200
 * with `{ready, checks}` when `readiness` says ready, else 503 with the checks (also when it throws or
 * overruns `readinessTimeoutMs`). Resolves once listening.
 * Thrown when the port cannot be bound (EADDRINUSE, EACCES).
 */
export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const server = createServer((req, res) => {
    route(req, res, options).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `${String(error)}\n`);
      else res.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
