-- Every cost model the service built and published: per-symbol costs (bps), funding per 8 h by symbol (bps)
-- and the estimate error at the time, as JSONB. The version is a content id.
CREATE TABLE IF NOT EXISTS cost_model_versions (
  scope text NOT NULL,
  version text NOT NULL,
  as_of timestamptz NOT NULL,
  symbols integer NOT NULL CHECK (symbols >= 0),
  -- Mean absolute error of the median estimate against realised fill costs over the error window, bps.
  estimate_error_bps double precision,
  model_json jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, version)
);

CREATE INDEX IF NOT EXISTS cost_model_versions_scope_as_of_idx ON cost_model_versions (scope, as_of DESC);
