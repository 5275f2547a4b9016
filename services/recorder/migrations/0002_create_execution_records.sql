-- Execution records: the entry of each signal (or shadow entry), with its cost breakdown in bps.
-- Under TimescaleDB a hypertable on reported_at, whose unique keys must include that column: the key is
-- (event_id, reported_at). reported_at is the event time of the report, a function of the event, so a
-- redelivered event hits the same key and ON CONFLICT DO NOTHING drops it, exactly as a key on event_id
-- alone would. One execution per signal is enforced by the recorder (a unique index on signal_id alone is
-- impossible on a hypertable).
CREATE TABLE execution_records (
  event_id text NOT NULL,
  reported_at timestamptz NOT NULL,
  signal_id text NOT NULL REFERENCES signal_snapshots (signal_id),
  symbol text NOT NULL,
  side text NOT NULL CHECK (side IN ('long', 'short')),
  status text NOT NULL CHECK (status IN ('filled', 'unfilled', 'expired')),
  shadow boolean NOT NULL,
  actual_entry_price double precision,
  actual_fill_time timestamptz,
  quantity double precision,
  notional_usdt double precision,
  actual_cost_bps double precision,
  spread_bps double precision,
  slippage_bps double precision,
  fee_bps double precision,
  funding_bps double precision,
  cost_breakdown jsonb,
  cost_source text CHECK (cost_source IN ('config_default', 'depth_book_walk')),
  correlation_id text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, reported_at),
  CHECK (status <> 'filled' OR (actual_entry_price IS NOT NULL AND actual_fill_time IS NOT NULL
    AND actual_cost_bps IS NOT NULL))
);

CREATE INDEX execution_records_signal_id_idx ON execution_records (signal_id);
-- timescale:
SELECT create_hypertable('execution_records', by_range('reported_at', INTERVAL '30 days'));
-- plain:
CREATE INDEX execution_records_reported_at_idx ON execution_records (reported_at);
