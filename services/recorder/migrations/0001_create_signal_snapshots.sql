-- Signal snapshots: one row per published signal, and per rejected signal followed as a shadow trade.
-- A regular table in both variants: it is the parent of the foreign keys of execution_records and
-- trade_results (hypertables under TimescaleDB), and TimescaleDB refuses a foreign key from a hypertable
-- to another hypertable. It is small (a few hundred signals a day) and indexed on signal_time.
CREATE TABLE signal_snapshots (
  signal_id text PRIMARY KEY,
  event_id text NOT NULL UNIQUE,
  signal_time timestamptz NOT NULL,
  symbol text NOT NULL,
  side text NOT NULL CHECK (side IN ('long', 'short')),
  strategy text NOT NULL CHECK (strategy IN ('v72', 'v73')),
  strategy_version text NOT NULL,
  experiment_id text,
  variant text,
  confidence double precision NOT NULL,
  p_calibrated double precision NOT NULL CHECK (p_calibrated BETWEEN 0 AND 1),
  ev_net double precision NOT NULL,
  f_v2 double precision,
  independence double precision NOT NULL,
  market_regime double precision NOT NULL,
  regime_class text CHECK (regime_class IN ('ranging', 'bull', 'bear', 'high_volatility')),
  expected_cost_bps double precision NOT NULL,
  factors jsonb NOT NULL,
  market_state jsonb NOT NULL,
  predicted jsonb NOT NULL,
  execution_intent jsonb NOT NULL,
  gates jsonb NOT NULL,
  model_versions jsonb NOT NULL,
  calibration_version text,
  fallback boolean NOT NULL,
  fallback_reason text,
  status text NOT NULL CHECK (status IN ('published', 'rejected')),
  shadow boolean NOT NULL,
  rejected_by text,
  gate_reason text,
  rejection_detail text,
  correlation_id text NOT NULL,
  recorded_at timestamptz NOT NULL,
  CHECK (shadow = (status = 'rejected')),
  CHECK ((status = 'rejected') = (gate_reason IS NOT NULL))
);

CREATE INDEX signal_snapshots_signal_time_idx ON signal_snapshots (signal_time);
CREATE INDEX signal_snapshots_symbol_idx ON signal_snapshots (symbol, signal_time);
CREATE INDEX signal_snapshots_confidence_idx ON signal_snapshots (confidence);
CREATE INDEX signal_snapshots_strategy_variant_idx ON signal_snapshots (strategy, variant, signal_time);
