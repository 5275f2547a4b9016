import {
  context,
  isSpanContextValid,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extractTraceContext,
  injectTraceContext,
  startTracing,
  type Tracing,
  withProcessSpan,
  withPublishSpan,
} from '../src/index.js';

const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor({ exporter });
let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: 'test', spanProcessors: [processor] });
});

/** Returns the spans ended so far; the processor exports asynchronously, once resources are detected. */
async function finishedSpans() {
  await processor.forceFlush();
  return exporter.getFinishedSpans();
}
afterAll(async () => {
  await tracing.shutdown();
});

describe('trace context in message headers', () => {
  it('keeps the trace id through inject → Buffer headers → extract', () => {
    const span = trace.getTracer('test').startSpan('work');
    const headers = injectTraceContext({}, trace.setSpan(context.active(), span));
    span.end();
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const asKafka = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
    const extracted = trace.getSpanContext(extractTraceContext(asKafka));
    expect(extracted?.traceId).toBe(span.spanContext().traceId);
    expect(extracted?.spanId).toBe(span.spanContext().spanId);
    expect(extracted?.isRemote).toBe(true);
  });

  it('carries baggage and ignores headers without a trace context', () => {
    const ctx = propagation.setBaggage(
      context.active(),
      propagation.createBaggage({ run: { value: 'bt-1' } }),
    );
    const headers = injectTraceContext({}, ctx);
    expect(propagation.getBaggage(extractTraceContext(headers))?.getEntry('run')?.value).toBe('bt-1');
    expect(trace.getSpanContext(extractTraceContext({ other: 'x' }))).toBeUndefined();
  });

  it('names messaging spans per OTel conventions and links process to publish', async () => {
    await finishedSpans();
    exporter.reset();
    const headers = await withPublishSpan('signals.published.v1', async (h) => h);
    await withProcessSpan('signals.published.v1', headers, async () => undefined, {
      'messaging.consumer.group.name': 'recorder',
    });
    const [publish, processed] = await finishedSpans();
    expect(publish?.name).toBe('signals.published.v1 publish');
    expect(publish?.kind).toBe(SpanKind.PRODUCER);
    expect(publish?.attributes['messaging.destination.name']).toBe('signals.published.v1');
    expect(processed?.name).toBe('signals.published.v1 process');
    expect(processed?.kind).toBe(SpanKind.CONSUMER);
    expect(processed?.attributes['messaging.consumer.group.name']).toBe('recorder');
    expect(processed?.spanContext().traceId).toBe(publish?.spanContext().traceId);
    expect(processed?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
  });

  it('records a handler error on the process span and rethrows it', async () => {
    await finishedSpans();
    exporter.reset();
    await expect(
      withProcessSpan('trades.closed.v1', {}, async () => {
        throw new TypeError('bad payload');
      }),
    ).rejects.toThrow('bad payload');
    const [span] = await finishedSpans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('unregisters the global provider on shutdown, so tracing can be started again', async () => {
    await tracing.shutdown();
    const orphan = trace.getTracer('test').startSpan('after shutdown');
    expect(isSpanContextValid(orphan.spanContext())).toBe(false);
    expect(injectTraceContext({})).toEqual({});
    const second = new InMemorySpanExporter();
    const secondProcessor = new SimpleSpanProcessor({ exporter: second });
    tracing = startTracing({ serviceName: 'test', spanProcessors: [secondProcessor] });
    const headers = await withPublishSpan('trades.closed.v1', async (h) => h);
    await secondProcessor.forceFlush();
    expect(second.getFinishedSpans().map((s) => s.name)).toEqual(['trades.closed.v1 publish']);
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
