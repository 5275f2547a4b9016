import { startTracing, type Tracing } from '@cryptosignal/telemetry';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';

/** Tracing started for one test file, with every ended span kept in memory. */
export interface SpanRecorder {
  /** Returns the spans ended so far (after flushing the processor). */
  spans(): Promise<ReadableSpan[]>;
  /** Stops tracing and unregisters it globally, so the process is as before `recordSpans`. */
  stop(): Promise<void>;
}

/** Starts the project's tracing (`startTracing`) with an in-memory exporter behind a simple span processor. */
export function recordSpans(serviceName: string): SpanRecorder {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor({ exporter });
  const tracing: Tracing = startTracing({ serviceName, spanProcessors: [processor] });
  return {
    spans: async () => {
      await processor.forceFlush();
      return exporter.getFinishedSpans();
    },
    stop: () => tracing.shutdown(),
  };
}

/** Returns the id of the span's parent, or undefined for a root span. */
export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}
