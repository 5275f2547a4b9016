import { context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * Runs `fn` inside `span`'s context; records a thrown error on the span (exception event, status ERROR with the
 * error's name); always ends it. Returns what `fn` returns. Thrown when `fn` throws (rethrown as is).
 */
export async function runInSpan<T>(span: Span, fn: () => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(context.active(), span), fn);
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}
