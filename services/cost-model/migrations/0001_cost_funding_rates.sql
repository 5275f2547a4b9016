-- Funding rates consumed from market.funding: the input of the expected funding per symbol. One row per
-- (symbol, funding time), so a redelivered or replayed event changes nothing.
CREATE TABLE IF NOT EXISTS cost_funding_rates (
  symbol text NOT NULL,
  funding_time timestamptz NOT NULL,
  -- Rate paid by longs to shorts for one funding interval, fraction (0.0001 = 0.01 % = 1 bps).
  funding_rate double precision NOT NULL,
  interval_hours integer,
  event_id text NOT NULL,
  PRIMARY KEY (symbol, funding_time)
);
