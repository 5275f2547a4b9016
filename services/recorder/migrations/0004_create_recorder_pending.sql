-- Executions and results that arrived before their signal. Each holds the finished row (row_data, the
-- target table's columns as JSON); the recorder moves it into its table in the transaction that records
-- the signal, or on its periodic sweep. A row whose symbol or side disagrees with its signal, or whose
-- signal already has another execution/result, stays here (counted by cryptosignal_recorder_pending_events).
CREATE TABLE recorder_pending (
  event_id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('execution', 'result')),
  signal_id text NOT NULL,
  row_data jsonb NOT NULL,
  received_at timestamptz NOT NULL
);

CREATE INDEX recorder_pending_signal_id_idx ON recorder_pending (signal_id);
