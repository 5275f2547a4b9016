-- The trace context (W3C Trace Context traceparent and tracestate) of the span in which the executor took the
-- signal, so the execution and the trade result reported hours later, on another bar, link back to it even
-- after a restart. Null when the signal came without a trace context (tracing off) and for rows written before
-- this migration. Written once with the row, never updated.
ALTER TABLE executor_positions
  ADD COLUMN signal_traceparent text
    CHECK (signal_traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'),
  ADD COLUMN signal_tracestate text,
  ADD CONSTRAINT executor_positions_tracestate_needs_traceparent
    CHECK (signal_tracestate IS NULL OR signal_traceparent IS NOT NULL);
