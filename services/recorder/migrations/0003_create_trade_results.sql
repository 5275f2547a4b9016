-- Trade results: how each trade (or shadow trade) ended. Under TimescaleDB a hypertable on closed_at, keyed
-- (event_id, closed_at) for the reason given in 0002. One result per signal is enforced by the recorder.
-- pnl_pct is a fraction of entry notional (0.012 = 1.2%), as in the TradeClosed contract.
CREATE TABLE trade_results (
  event_id text NOT NULL,
  closed_at timestamptz NOT NULL,
  signal_id text NOT NULL REFERENCES signal_snapshots (signal_id),
  entered_at timestamptz NOT NULL,
  symbol text NOT NULL,
  side text NOT NULL CHECK (side IN ('long', 'short')),
  shadow boolean NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('win', 'loss', 'breakeven')),
  entry_price double precision NOT NULL,
  exit_price double precision NOT NULL,
  exit_reason text NOT NULL CHECK (exit_reason IN ('tp', 'sl', 'timeout')),
  hold_hours double precision NOT NULL,
  pnl_pct double precision NOT NULL,
  pnl_usdt double precision NOT NULL,
  total_cost_bps double precision NOT NULL,
  funding_cost_bps double precision NOT NULL,
  funding_source text NOT NULL CHECK (funding_source IN ('history', 'assumed', 'none')),
  gate_reason text,
  correlation_id text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (event_id, closed_at),
  CHECK (closed_at >= entered_at)
);

CREATE INDEX trade_results_signal_id_idx ON trade_results (signal_id);
CREATE INDEX trade_results_outcome_idx ON trade_results (outcome);
-- timescale:
SELECT create_hypertable('trade_results', by_range('closed_at', INTERVAL '30 days'));
-- plain:
CREATE INDEX trade_results_closed_at_idx ON trade_results (closed_at);
