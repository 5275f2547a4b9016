-- Every calibration table the calibrator fitted: one row per (scope, version). The version is a content id
-- (method + SHA-256 of the table), so storing the same table twice is a no-op.
CREATE TABLE IF NOT EXISTS calibration_versions (
  scope text NOT NULL,
  version text NOT NULL,
  method text NOT NULL CHECK (method IN ('bootstrap', 'buckets10', 'buckets20', 'isotonic')),
  samples integer NOT NULL CHECK (samples >= 0),
  wins integer NOT NULL CHECK (wins >= 0 AND wins <= samples),
  -- Close-time range of the trades fitted on; null when there were none.
  from_close_time timestamptz,
  to_close_time timestamptz,
  -- Only trades closed at or before this time were used.
  as_of timestamptz NOT NULL,
  -- The whole table as `serializeCalibrationTable` writes it (@cryptosignal/calibration).
  table_json jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, version)
);

CREATE INDEX IF NOT EXISTS calibration_versions_scope_as_of_idx ON calibration_versions (scope, as_of DESC);
