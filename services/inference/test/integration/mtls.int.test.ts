import { InferenceCallError, InferenceClient, MODEL_SPECS } from '@cryptosignal/inference-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRow } from '../support/fixtures.js';
import { generateTestCerts, type TestCerts } from './support/test-certs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// The server certificate names 127.0.0.1 and localhost; TLS clients ask for `localhost` (RFC 6066 allows no IP).
const channelOptions = { 'grpc.ssl_target_name_override': 'localhost' };
const features = { values: syntheticRow(MODEL_SPECS.xgboost.features.length, 8) };

async function call(client: InferenceClient) {
  try {
    return await client.predictWinProbability('BTCUSDT', features, { timeoutMs: 3_000 });
  } finally {
    client.close();
  }
}

describe('mutual TLS', () => {
  let certs: TestCerts;
  let server: TestServer;
  beforeAll(async () => {
    certs = generateTestCerts();
    server = await startTestServer({ tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.ca } });
  });
  afterAll(async () => {
    await server?.close();
    certs?.remove();
  });

  it('serves a client that presents a certificate signed by the configured CA', async () => {
    const client = new InferenceClient({
      address: server.address,
      timeoutMs: 3_000,
      tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey },
      channelOptions,
    });
    const answer = await call(client);
    expect(answer.model.name).toBe('factor-weights');
  });

  it.each([
    ['no client certificate', (c: TestCerts) => ({ ca: c.ca })],
    ['a certificate from another CA', (c: TestCerts) => ({ ca: c.ca, cert: c.rogueCert, key: c.rogueKey })],
    ['plaintext', () => undefined],
  ])('refuses a client with %s (client side: unavailable)', async (_, tls) => {
    const client = new InferenceClient({
      address: server.address,
      timeoutMs: 3_000,
      tls: tls(certs),
      channelOptions,
    });
    const error = await call(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InferenceCallError);
    expect((error as InferenceCallError).reason).toBe('unavailable');
  });
});
