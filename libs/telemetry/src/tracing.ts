import { context, propagation, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';

/** Options of `startTracing`. */
export interface TracingOptions {
  /** `service.name` of the resource (OTEL_SERVICE_NAME). */
  readonly serviceName: string;
  /**
   * Base URL of an OTLP/HTTP collector (OTEL_EXPORTER_OTLP_ENDPOINT, e.g. `http://otel-collector:4318`);
   * spans go to `<endpoint>/v1/traces`. Unset: spans are still created and propagated but never exported,
   * and nothing touches the network.
   */
  readonly otlpEndpoint?: string;
  /** Further span processors (tests pass a SimpleSpanProcessor over an InMemorySpanExporter). */
  readonly spanProcessors?: readonly SpanProcessor[];
}

/** A started tracing SDK. */
export interface Tracing {
  /**
   * Flushes pending spans, stops the SDK, then unregisters the global tracer provider, context manager and
   * propagator, so the API is a no-op again and `startTracing` may run anew (tests that record spans restore the
   * process this way). Call once at shutdown.
   */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Node SDK and registers it globally: a tracer provider (always, so trace context is
 * created and carried even without an exporter), W3C trace-context + baggage propagation, the OTLP/HTTP trace
 * exporter only when `otlpEndpoint` is set, and no metric or log exporters (metrics are prom-client's, logs
 * are pino's). Call it before the application's modules are loaded.
 */
export function startTracing(options: TracingOptions): Tracing {
  const processors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
  if (options.otlpEndpoint !== undefined) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) }));
  }
  if (processors.length === 0) processors.push(new NoopSpanProcessor());
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: processors,
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  });
  sdk.start();
  return {
    shutdown: async () => {
      try {
        await sdk.shutdown();
      } finally {
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}
