-- Market tables written by the collector. Every row is keyed by its natural key, so writes are upserts and a
-- backfill can be re-run or resumed without duplicates. Prices in quote currency (USDT), volumes in the base
-- asset unless the column says _usdt, times as timestamptz (UTC). Under TimescaleDB each table is a hypertable
-- on its time column; on plain PostgreSQL klines (the large one) is range-partitioned by year and the others
-- are plain tables whose primary key serves the (symbol, time) lookups.

-- timescale:
CREATE TABLE klines (
  symbol text NOT NULL,
  market text NOT NULL CHECK (market IN ('perp', 'spot')),
  bar_interval text NOT NULL CHECK (bar_interval IN ('1m', '1h', '1d')),
  open_time timestamptz NOT NULL,
  close_time timestamptz NOT NULL,
  open_price double precision NOT NULL,
  high_price double precision NOT NULL,
  low_price double precision NOT NULL,
  close_price double precision NOT NULL,
  volume_base double precision NOT NULL,
  quote_volume_usdt double precision,
  trade_count bigint,
  taker_buy_volume_base double precision,
  taker_buy_quote_volume_usdt double precision,
  source text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (symbol, market, bar_interval, open_time)
);
SELECT create_hypertable('klines', by_range('open_time', INTERVAL '90 days'));
-- plain:
CREATE TABLE klines (
  symbol text NOT NULL,
  market text NOT NULL CHECK (market IN ('perp', 'spot')),
  bar_interval text NOT NULL CHECK (bar_interval IN ('1m', '1h', '1d')),
  open_time timestamptz NOT NULL,
  close_time timestamptz NOT NULL,
  open_price double precision NOT NULL,
  high_price double precision NOT NULL,
  low_price double precision NOT NULL,
  close_price double precision NOT NULL,
  volume_base double precision NOT NULL,
  quote_volume_usdt double precision,
  trade_count bigint,
  taker_buy_volume_base double precision,
  taker_buy_quote_volume_usdt double precision,
  source text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (symbol, market, bar_interval, open_time)
) PARTITION BY RANGE (open_time);
DO $$
BEGIN
  FOR y IN 2017..2032 LOOP
    EXECUTE format(
      'CREATE TABLE klines_y%s PARTITION OF klines FOR VALUES FROM (%L) TO (%L)',
      y, make_timestamptz(y, 1, 1, 0, 0, 0, 'UTC'), make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'UTC'));
  END LOOP;
END $$;
CREATE TABLE klines_default PARTITION OF klines DEFAULT;
-- common:

CREATE TABLE funding_rates (
  symbol text NOT NULL,
  funding_time timestamptz NOT NULL,
  -- Fraction of notional paid by longs to shorts for one interval (0.0001 = 0.01 %).
  funding_rate double precision NOT NULL,
  mark_price double precision,
  interval_hours integer,
  source text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (symbol, funding_time)
);

CREATE TABLE open_interest (
  symbol text NOT NULL,
  period text NOT NULL,
  sample_time timestamptz NOT NULL,
  open_interest_base double precision NOT NULL,
  open_interest_usdt double precision,
  count_top_trader_long_short_ratio double precision,
  sum_top_trader_long_short_ratio double precision,
  count_long_short_ratio double precision,
  sum_taker_long_short_vol_ratio double precision,
  source text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (symbol, period, sample_time)
);

-- bids/asks: JSON arrays of [price, qty], best first. imbalance is a fraction in [-1, 1].
CREATE TABLE depth_snapshots (
  symbol text NOT NULL,
  market text NOT NULL CHECK (market IN ('perp', 'spot')),
  snapshot_time timestamptz NOT NULL,
  last_update_id bigint,
  bids jsonb NOT NULL,
  asks jsonb NOT NULL,
  level_count integer NOT NULL,
  spread_bps double precision,
  bid_liquidity_10bps_usdt double precision NOT NULL,
  ask_liquidity_10bps_usdt double precision NOT NULL,
  imbalance double precision CHECK (imbalance BETWEEN -1 AND 1),
  source text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (symbol, market, snapshot_time)
);

-- Taker flow per window [window_start, window_end); large trades have a notional above the threshold.
CREATE TABLE trade_flow (
  symbol text NOT NULL,
  market text NOT NULL CHECK (market IN ('perp', 'spot')),
  window_interval text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  buy_volume_base double precision NOT NULL,
  sell_volume_base double precision NOT NULL,
  buy_sell_ratio double precision,
  trade_count integer NOT NULL,
  large_trade_threshold_usdt double precision NOT NULL,
  large_trade_count integer NOT NULL,
  large_buy_count integer NOT NULL,
  large_sell_count integer NOT NULL,
  large_buy_volume_usdt double precision NOT NULL,
  large_sell_volume_usdt double precision NOT NULL,
  source text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (symbol, market, window_interval, window_start),
  CHECK (window_end > window_start)
);

-- Rows a source delivered that were not accepted, with the reason; nothing is dropped or repaired silently.
-- item_key identifies the row within its source (`<file>:<line>` for files, the event time for exchanges).
CREATE TABLE market_quarantine (
  source text NOT NULL,
  stream_kind text NOT NULL,
  symbol text NOT NULL,
  item_key text NOT NULL,
  reason text NOT NULL,
  detail text NOT NULL,
  source_ref text NOT NULL,
  row_number integer,
  event_time timestamptz,
  payload jsonb,
  quarantined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, stream_kind, item_key, reason)
);
CREATE INDEX market_quarantine_symbol_idx ON market_quarantine (stream_kind, symbol);

-- How far each stream (data kind × symbol) has been collected: the last event time covered, written in the
-- same transaction as the rows, so a killed backfill resumes exactly after its last committed batch.
CREATE TABLE collector_watermarks (
  stream_kind text NOT NULL,
  symbol text NOT NULL,
  last_event_time timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_kind, symbol)
);

-- timescale:
SELECT create_hypertable('funding_rates', by_range('funding_time', INTERVAL '365 days'));
SELECT create_hypertable('open_interest', by_range('sample_time', INTERVAL '90 days'));
SELECT create_hypertable('depth_snapshots', by_range('snapshot_time', INTERVAL '7 days'));
SELECT create_hypertable('trade_flow', by_range('window_start', INTERVAL '30 days'));
