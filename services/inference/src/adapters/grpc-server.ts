import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type InferenceServiceServer, InferenceServiceService } from '@cryptosignal/contracts';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';

/** The fully-qualified name of the inference service, as health checks and reflection name it. */
export const INFERENCE_SERVICE_NAME = 'cryptosignal.v1.InferenceService';

/** PEM material of the server; with `ca` the server asks for a client certificate and checks it (mutual TLS). */
export interface ServerTls {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca?: Buffer;
}

/** Options of the gRPC server. */
export interface GrpcServerOptions {
  readonly host: string;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  readonly tls?: ServerTls;
  /** Folder holding `cryptosignal/v1/*.proto`, for server reflection (default: the repository's `proto/`). */
  readonly protoDir?: string;
  /** Largest request accepted, bytes. */
  readonly maxMessageBytes: number;
}

/** A started server: the port it listens on, its readiness switch, and its stop. */
export interface GrpcServer {
  readonly port: number;
  /** Sets the health of `''` and the inference service: SERVING when true, NOT_SERVING otherwise. */
  setServing(serving: boolean): void;
  /** Waits for the calls in flight up to `graceMs`, then cancels what is left. */
  shutdown(graceMs: number): Promise<void>;
}

/** The repository's proto folder, seen from src/adapters or dist/adapters of this package. */
export const DEFAULT_PROTO_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../../proto');

function credentialsOf(tls: ServerTls | undefined): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(
    tls.ca ?? null,
    [{ private_key: tls.key, cert_chain: tls.cert }],
    !!tls.ca,
  );
}

function reflection(protoDir: string): ReflectionService {
  const healthRoot = join(dirname(healthProtoPath), '../..');
  const pkg = loadSync(['cryptosignal/v1/inference.proto', 'health/v1/health.proto'], {
    includeDirs: [protoDir, healthRoot],
  });
  return new ReflectionService(pkg);
}

/**
 * Starts a gRPC server with the inference service, standard health checking (grpc.health.v1, NOT_SERVING until
 * `setServing(true)`) and server reflection, on TLS when `tls` is given. Resolves once it listens.
 * Thrown when the port cannot be bound or the protos for reflection cannot be read.
 */
export async function startGrpcServer(
  options: GrpcServerOptions,
  implementation: InferenceServiceServer,
): Promise<GrpcServer> {
  const server = new Server({
    'grpc.max_receive_message_length': options.maxMessageBytes,
    'grpc.max_send_message_length': options.maxMessageBytes,
  });
  server.addService(InferenceServiceService, implementation);
  const health = new HealthImplementation({ '': 'NOT_SERVING', [INFERENCE_SERVICE_NAME]: 'NOT_SERVING' });
  health.addToServer(server);
  reflection(options.protoDir ?? DEFAULT_PROTO_DIR).addToServer(server);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${options.host}:${options.port}`, credentialsOf(options.tls), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  return {
    port,
    setServing: (serving) => {
      const status = serving ? 'SERVING' : 'NOT_SERVING';
      health.setStatus('', status);
      health.setStatus(INFERENCE_SERVICE_NAME, status);
    },
    shutdown: (graceMs) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
