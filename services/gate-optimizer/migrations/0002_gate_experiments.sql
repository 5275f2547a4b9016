-- A/B experiments of gate threshold sets: the candidate (treatment, variant B) against the production set
-- (control). At most one experiment runs per scope.
CREATE TABLE IF NOT EXISTS gate_experiments (
  experiment_id text PRIMARY KEY,
  scope text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'promoted', 'rejected')),
  started_at timestamptz NOT NULL,
  control_thresholds jsonb NOT NULL,
  treatment_thresholds jsonb NOT NULL,
  -- Share of signals assigned to the treatment by hash of signal_id, fraction.
  traffic_fraction double precision NOT NULL CHECK (traffic_fraction > 0 AND traffic_fraction < 1),
  sweep_run_id text REFERENCES gate_sweep_runs (run_id),
  -- The latest analysis (arms, z-test, bootstrap CI) and the decision that ended the experiment.
  analysis_json jsonb,
  decision_json jsonb,
  decided_at timestamptz
);

CREATE UNIQUE INDEX IF NOT EXISTS gate_experiments_one_running_idx ON gate_experiments (scope)
  WHERE status = 'running';

-- Production threshold sets published on config.gates, newest last; none means the plan's initial set.
CREATE TABLE IF NOT EXISTS gate_configs (
  scope text NOT NULL,
  version text NOT NULL,
  thresholds jsonb NOT NULL,
  experiment_id text REFERENCES gate_experiments (experiment_id),
  published_at timestamptz NOT NULL,
  PRIMARY KEY (scope, version)
);
