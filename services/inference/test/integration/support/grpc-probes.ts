import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  type ChannelCredentials,
  type Client,
  credentials,
  loadPackageDefinition,
  makeClientConstructor,
  type ServiceClientConstructor,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';

const require = createRequire(import.meta.url);

/** Returns the status the standard health service reports for `service` ('' = the whole server). */
export function checkHealth(address: string, service: string): Promise<string> {
  const Health = makeClientConstructor(healthService, 'grpc.health.v1.Health');
  const client = new Health(address, credentials.createInsecure()) as Client & {
    check(req: { service: string }, cb: (e: Error | null, r: { status: string }) => void): void;
  };
  return new Promise((resolve, reject) => {
    client.check({ service }, (error, response) => {
      client.close();
      if (error) reject(error);
      else resolve(response.status);
    });
  });
}

/** Returns the services server reflection (grpc.reflection.v1) lists. */
export function listReflectedServices(
  address: string,
  creds: ChannelCredentials = credentials.createInsecure(),
): Promise<string[]> {
  const protoRoot = join(dirname(require.resolve('@grpc/reflection')), '../proto');
  const pkg = loadPackageDefinition(
    loadSync('grpc/reflection/v1/reflection.proto', { includeDirs: [protoRoot] }),
  ) as unknown as { grpc: { reflection: { v1: { ServerReflection: ServiceClientConstructor } } } };
  const client = new pkg.grpc.reflection.v1.ServerReflection(address, creds);
  return new Promise((resolve, reject) => {
    const stream = (
      client as unknown as { serverReflectionInfo(): NodeJS.ReadWriteStream & { end(): void } }
    ).serverReflectionInfo();
    stream.on('data', (response: { listServicesResponse?: { service: { name: string }[] } }) => {
      resolve((response.listServicesResponse?.service ?? []).map((s) => s.name));
      stream.end();
      client.close();
    });
    stream.on('error', reject);
    stream.write({ listServices: '' });
  });
}
