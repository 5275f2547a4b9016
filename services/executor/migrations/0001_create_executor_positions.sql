-- The executor's positions: one row per signal it handled (published or shadow), kept after the position ends,
-- so a redelivered signal is recognised and never executed twice, and a restart resumes every position still
-- pending or open. order_doc holds the order (side, TP/SL fractions, limit, size, entry window, provenance),
-- state_doc the paper position's state and the entry fill with its costs; hot fields are typed columns.
-- A small table keyed by signal_id: no hypertable, the same SQL on TimescaleDB and plain PostgreSQL.
CREATE TABLE executor_positions (
  signal_id text PRIMARY KEY,
  signal_event_id text NOT NULL,
  symbol text NOT NULL,
  side text NOT NULL CHECK (side IN ('long', 'short')),
  shadow boolean NOT NULL,
  gate_reason text,
  signal_time timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'open', 'closed', 'unfilled', 'expired')),
  notional_usdt double precision NOT NULL CHECK (notional_usdt > 0),
  order_doc jsonb NOT NULL,
  state_doc jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (shadow = (gate_reason IS NOT NULL))
);

CREATE INDEX executor_positions_active_idx ON executor_positions (symbol) WHERE status IN ('pending', 'open');
