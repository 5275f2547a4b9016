-- One calibration-quality check per (scope, as-of time): the CalibrationMonitor report over the rolling
-- window (overall, per symbol, per side) beside the bootstrap map scored on the same trades.
CREATE TABLE IF NOT EXISTS calibration_checks (
  scope text NOT NULL,
  as_of timestamptz NOT NULL,
  -- What ran the check: the scheduled recompute, the daily check, or an on-demand run.
  trigger text NOT NULL CHECK (trigger IN ('recompute', 'daily', 'on_demand')),
  samples integer NOT NULL CHECK (samples >= 0),
  -- Figures of the overall window, null when it held no trade.
  brier double precision,
  ece double precision,
  log_loss double precision,
  baseline_brier double precision,
  baseline_ece double precision,
  -- Calibration version in force at the check, null when none was stored yet.
  table_version text,
  report_json jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, as_of)
);
