-- The recorder writes each batch with ONE statement, `SELECT recorder_record_batch($1)`: a single round trip
-- that is its own transaction (all or nothing), instead of a dozen statements between BEGIN and COMMIT.
-- Rows travel as JSON objects keyed by column name and are expanded with jsonb_populate_record(set). Every
-- insert is ON CONFLICT DO NOTHING, so a redelivered event changes nothing. Fates are text: 'written',
-- 'duplicate', 'pending' or 'refused:<reason>'.

-- Moves parked facts of `kind` whose signal is recorded into their table: only those agreeing with the signal on
-- symbol and side, whose signal has no other fact of that kind, at most one per signal (the earliest received).
-- `signal_ids` (jsonb array) limits it to those signals; NULL files every parked fact.
CREATE FUNCTION recorder_file_pending(kind text, signal_ids jsonb, OUT moved integer, OUT inserted integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  tbl text := CASE kind WHEN 'execution' THEN 'execution_records' WHEN 'result' THEN 'trade_results' END;
BEGIN
  EXECUTE format($q$
    WITH candidates AS (
      SELECT DISTINCT ON (p.signal_id) p.event_id
      FROM recorder_pending p JOIN signal_snapshots s ON s.signal_id = p.signal_id
      WHERE p.kind = %L
        AND ($1::jsonb IS NULL OR p.signal_id IN (SELECT jsonb_array_elements_text($1::jsonb)))
        AND p.row_data->>'symbol' = s.symbol AND p.row_data->>'side' = s.side
        AND NOT EXISTS (SELECT 1 FROM %I x WHERE x.signal_id = p.signal_id AND x.event_id <> p.event_id)
      ORDER BY p.signal_id, p.received_at, p.event_id
    ), moved AS (
      DELETE FROM recorder_pending p USING candidates c WHERE p.event_id = c.event_id RETURNING p.row_data
    ), inserted AS (
      INSERT INTO %I
      SELECT r.* FROM moved CROSS JOIN LATERAL jsonb_populate_record(NULL::%I, moved.row_data) AS r
      ON CONFLICT DO NOTHING RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::integer, (SELECT count(*) FROM inserted)::integer
  $q$, kind, tbl, tbl, tbl) USING signal_ids INTO moved, inserted;
END
$fn$;

-- Records the executions or results (`kind`) of a batch: a fact whose signal is recorded and agrees on symbol
-- and side is inserted unless its signal already has another fact of that kind (refused); a fact whose signal
-- is not recorded is parked in recorder_pending. Returns each event id's fate and the rows inserted and parked.
CREATE FUNCTION recorder_record_facts(kind text, facts jsonb, OUT fates jsonb, OUT written integer,
  OUT parked integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  tbl text := CASE kind WHEN 'execution' THEN 'execution_records' WHEN 'result' THEN 'trade_results' END;
BEGIN
  fates := '{}';
  written := 0;
  parked := 0;
  IF facts IS NULL OR jsonb_array_length(facts) = 0 THEN
    RETURN;
  END IF;
  EXECUTE format($q$
    WITH input AS (
      SELECT e.ord, e.doc, e.doc->>'event_id' AS event_id, e.doc->>'signal_id' AS signal_id,
        e.doc->>'symbol' AS symbol, e.doc->>'side' AS side
      FROM jsonb_array_elements($1) WITH ORDINALITY AS e(doc, ord)
    ), verdict AS (
      SELECT i.event_id, i.signal_id, i.doc,
        CASE
          WHEN s.signal_id IS NULL THEN 'pending'
          WHEN s.symbol <> i.symbol OR s.side <> i.side THEN format('refused:%%s %%s is for %%s %%s but signal %%s is %%s %%s',
            %L, i.event_id, i.symbol, i.side, i.signal_id, s.symbol, s.side)
          WHEN x.event_id = i.event_id THEN 'duplicate'
          WHEN coalesce(x.event_id, first.event_id) <> i.event_id THEN format('refused:signal %%s already has %%s %%s',
            i.signal_id, %L, coalesce(x.event_id, first.event_id))
          ELSE 'insert'
        END AS fate
      FROM input i
      LEFT JOIN signal_snapshots s ON s.signal_id = i.signal_id
      LEFT JOIN LATERAL (SELECT t.event_id FROM %I t WHERE t.signal_id = i.signal_id LIMIT 1) AS x ON true
      LEFT JOIN LATERAL (
        SELECT j.event_id FROM input j WHERE j.signal_id = i.signal_id ORDER BY j.ord LIMIT 1
      ) AS first ON true
    ), inserted AS (
      INSERT INTO %I
      SELECT r.* FROM verdict v CROSS JOIN LATERAL jsonb_populate_record(NULL::%I, v.doc) AS r
      WHERE v.fate = 'insert'
      ON CONFLICT DO NOTHING RETURNING event_id
    ), parked AS (
      INSERT INTO recorder_pending (event_id, kind, signal_id, row_data, received_at)
      SELECT v.event_id, %L, v.signal_id, v.doc, (v.doc->>'recorded_at')::timestamptz
      FROM verdict v WHERE v.fate = 'pending'
      ON CONFLICT DO NOTHING RETURNING event_id
    )
    SELECT coalesce(jsonb_object_agg(v.event_id, CASE
        WHEN v.fate <> 'insert' THEN v.fate
        WHEN v.event_id IN (SELECT event_id FROM inserted) THEN 'written'
        ELSE 'duplicate' END), '{}'::jsonb),
      (SELECT count(*) FROM inserted)::integer,
      (SELECT count(*) FROM parked)::integer
    FROM verdict v
  $q$, kind, kind, tbl, tbl, tbl, kind) USING facts INTO fates, written, parked;
END
$fn$;

-- Records one batch `{"signals": [...], "executions": [...], "results": [...]}` (rows keyed by column name):
-- signals first (a signal id already recorded by another event is refused), then executions and results, then
-- the parked facts of the batch's signals are filed. Returns
-- `{"fates": {event_id: fate}, "rows": {table: inserted}, "pending_delta": parked − filed}`.
CREATE FUNCTION recorder_record_batch(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
  signals jsonb := coalesce(batch->'signals', '[]'::jsonb);
  fates jsonb;
  facts_fates jsonb;
  written_signals integer;
  written_executions integer;
  written_results integer;
  parked_executions integer;
  parked_results integer;
  moved_executions integer := 0;
  moved_results integer := 0;
  filed_executions integer := 0;
  filed_results integer := 0;
  signal_ids jsonb;
BEGIN
  WITH inserted AS (
    INSERT INTO signal_snapshots
    SELECT r.* FROM jsonb_populate_recordset(NULL::signal_snapshots, signals) AS r
    ON CONFLICT DO NOTHING RETURNING event_id
  )
  SELECT coalesce(jsonb_object_agg(event_id, 'written'::text), '{}'::jsonb), count(*)::integer
  INTO fates, written_signals FROM inserted;

  SELECT fates || coalesce(jsonb_object_agg(r.event_id, CASE
      WHEN s.event_id = r.event_id THEN 'duplicate'
      WHEN s.event_id IS NOT NULL THEN format('refused:signal %s is already recorded by event %s', r.signal_id, s.event_id)
      ELSE format('refused:event %s is already recorded for another signal', r.event_id) END), '{}'::jsonb)
  INTO fates
  FROM jsonb_to_recordset(signals) AS r(event_id text, signal_id text)
  LEFT JOIN signal_snapshots s ON s.signal_id = r.signal_id
  WHERE NOT fates ? r.event_id;

  SELECT f.fates, f.written, f.parked INTO facts_fates, written_executions, parked_executions
  FROM recorder_record_facts('execution', batch->'executions') AS f;
  fates := fates || facts_fates;
  SELECT f.fates, f.written, f.parked INTO facts_fates, written_results, parked_results
  FROM recorder_record_facts('result', batch->'results') AS f;
  fates := fates || facts_fates;

  SELECT coalesce(jsonb_agg(DISTINCT r.signal_id), '[]'::jsonb) INTO signal_ids
  FROM jsonb_to_recordset(signals) AS r(signal_id text);
  IF jsonb_array_length(signal_ids) > 0 THEN
    SELECT p.moved, p.inserted INTO moved_executions, filed_executions FROM recorder_file_pending('execution', signal_ids) AS p;
    SELECT p.moved, p.inserted INTO moved_results, filed_results FROM recorder_file_pending('result', signal_ids) AS p;
  END IF;

  RETURN jsonb_build_object(
    'fates', fates,
    'rows', jsonb_build_object(
      'signal_snapshots', written_signals,
      'execution_records', written_executions + filed_executions,
      'trade_results', written_results + filed_results),
    'pending_delta', parked_executions + parked_results - moved_executions - moved_results);
END
$fn$;
