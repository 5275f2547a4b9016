-- The weekly gate analysis (the plan's gate_stats log): one run per as-of time with the run-wide figures, and
-- one row per gate with its full sweep, walk-forward validation and deflated Sharpe ratio.
CREATE TABLE IF NOT EXISTS gate_sweep_runs (
  run_id text PRIMARY KEY,
  scope text NOT NULL,
  -- Only trades closed at or before this time were used.
  as_of timestamptz NOT NULL,
  executed_trades integer NOT NULL CHECK (executed_trades >= 0),
  shadow_trades integer NOT NULL CHECK (shadow_trades >= 0),
  -- Thresholds in force, and the candidate set the run proposed (null when it proposed no change).
  current_thresholds jsonb NOT NULL,
  candidate_thresholds jsonb,
  -- Filtering accuracy per gate from the shadow trades, and realised PnL against predicted EV.
  filtering_accuracy jsonb NOT NULL,
  ev_calibration jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (scope, as_of)
);

CREATE TABLE IF NOT EXISTS gate_sweeps (
  run_id text NOT NULL REFERENCES gate_sweep_runs (run_id) ON DELETE CASCADE,
  gate text NOT NULL CHECK (gate IN ('gate1_data_quality', 'gate2_f', 'gate3_market', 'gate4_cost')),
  current_threshold double precision NOT NULL,
  optimal_threshold double precision,
  -- The threshold this run proposes for the gate (the current one unless the optimum held out of sample).
  chosen_threshold double precision NOT NULL,
  sweep_json jsonb NOT NULL,
  walk_forward_json jsonb NOT NULL,
  deflated_sharpe_json jsonb,
  PRIMARY KEY (run_id, gate)
);
