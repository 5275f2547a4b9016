import { MODEL_SPECS } from '@cryptosignal/inference-client';
import { startTracing, type Tracing } from '@cryptosignal/telemetry';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRow } from '../support/fixtures.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('traces of an inference call (docs/telemetry.md, Spans)', () => {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor({ exporter });
  let tracing: Tracing;
  let server: TestServer;
  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'inference-test', spanProcessors: [processor] });
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
    await tracing?.shutdown();
  });

  it('continues the client span on the server and links the batch span to the call', async () => {
    const values = syntheticRow(MODEL_SPECS.xgboost.features.length, 12);
    await server.client.predictWinProbability('BTCUSDT', { values });
    await processor.forceFlush();
    const spans = exporter.getFinishedSpans();
    const name = 'cryptosignal.v1.InferenceService/PredictWinProbability';
    const client = spans.find((s) => s.name === name && s.kind === SpanKind.CLIENT);
    const serverSpan = spans.find((s) => s.name === name && s.kind === SpanKind.SERVER);
    const batch = spans.find((s) => s.name === 'inference.batch xgboost');
    expect(client?.attributes).toMatchObject({ 'rpc.system': 'grpc', 'rpc.method': 'PredictWinProbability' });
    expect(serverSpan?.spanContext().traceId).toBe(client?.spanContext().traceId);
    expect(serverSpan?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
    expect(serverSpan?.attributes['rpc.grpc.status_code']).toBe(0);
    expect(batch?.attributes).toMatchObject({ 'cryptosignal.batch_size': 1, 'cryptosignal.provider': 'cpu' });
    expect(batch?.links.map((l) => l.context.spanId)).toEqual([serverSpan?.spanContext().spanId]);
  });
});
