-- PostgreSQL roles of the CryptoSignal platform (docs/security.md), idempotent: run it as a superuser before
-- the migrations (roles and schema rights) and again after them (table rights). infra/postgres/apply-roles.sh
-- runs it with the passwords from the environment:
--   psql -v ON_ERROR_STOP=1 -v schema=public -v migrator_password=… -v collector_password=… … -f roles.sql
--
-- cs_migrator   runs every service's migrations and owns every table; no superuser, no role management.
-- cs_reader     NOLOGIN group: SELECT on every table of the schema, now and later (default privileges).
-- cs_<service>  one login per service, member of cs_reader: SELECT everywhere, INSERT/UPDATE/DELETE only on
--               the tables it owns by the map below, no DDL, no TRUNCATE.
-- cs_dashboard  read-only login for Grafana and analysts: member of cs_reader, read-only transactions.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

SELECT current_database() AS db \gset

-- Roles, created without a password when missing; passwords are set below from psql variables.
DO $roles$
DECLARE
  r text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cs_reader') THEN
    CREATE ROLE cs_reader NOLOGIN;
  END IF;
  FOREACH r IN ARRAY ARRAY['cs_migrator', 'cs_collector', 'cs_pipeline', 'cs_executor', 'cs_recorder',
                           'cs_calibrator', 'cs_gate_optimizer', 'cs_cost_model', 'cs_dashboard'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', r);
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r);
  END LOOP;
END
$roles$;

ALTER ROLE cs_migrator PASSWORD :'migrator_password';
ALTER ROLE cs_collector PASSWORD :'collector_password';
ALTER ROLE cs_pipeline PASSWORD :'pipeline_password';
ALTER ROLE cs_executor PASSWORD :'executor_password';
ALTER ROLE cs_recorder PASSWORD :'recorder_password';
ALTER ROLE cs_calibrator PASSWORD :'calibrator_password';
ALTER ROLE cs_gate_optimizer PASSWORD :'gate_optimizer_password';
ALTER ROLE cs_cost_model PASSWORD :'cost_model_password';
ALTER ROLE cs_dashboard PASSWORD :'dashboard_password';

GRANT cs_reader TO cs_collector, cs_pipeline, cs_executor, cs_recorder, cs_calibrator, cs_gate_optimizer,
  cs_cost_model, cs_dashboard;
ALTER ROLE cs_dashboard SET default_transaction_read_only = on;
ALTER ROLE cs_dashboard SET statement_timeout = '30s';
ALTER ROLE cs_dashboard CONNECTION LIMIT 10;

-- Database and schema: only the migrator creates objects; nobody else may create anything.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO cs_migrator, cs_reader;
GRANT CREATE ON DATABASE :"db" TO cs_migrator;
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION cs_migrator;
REVOKE CREATE ON SCHEMA :"schema" FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA :"schema" TO cs_migrator;
GRANT USAGE ON SCHEMA :"schema" TO cs_reader;
DO $ext$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END
$ext$;

-- Whatever the migrator creates later is readable by cs_reader without another run.
ALTER DEFAULT PRIVILEGES FOR ROLE cs_migrator IN SCHEMA :"schema" GRANT SELECT ON TABLES TO cs_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE cs_migrator IN SCHEMA :"schema" GRANT SELECT ON SEQUENCES TO cs_reader;

-- Table ownership: which service writes which table (LIKE patterns over table names). A table matching no
-- pattern is written by nobody but the migrator. Keep in step with the services' migrations.
CREATE TEMPORARY TABLE cs_table_owner (role_name text NOT NULL, table_pattern text NOT NULL);
INSERT INTO cs_table_owner VALUES
  ('cs_collector', 'klines'), ('cs_collector', 'funding_rates'), ('cs_collector', 'open_interest'),
  ('cs_collector', 'depth_snapshots'), ('cs_collector', 'trade_flow'), ('cs_collector', 'market\_%'),
  ('cs_collector', 'collector\_%'),
  ('cs_pipeline', 'pipeline\_%'),
  ('cs_executor', 'executor\_%'), ('cs_executor', 'paper\_%'),
  ('cs_recorder', 'signal_snapshots'), ('cs_recorder', 'execution_records'), ('cs_recorder', 'trade_results'),
  ('cs_recorder', 'recorder\_%'),
  ('cs_calibrator', 'calibration\_%'), ('cs_calibrator', 'calibrator\_%'),
  ('cs_gate_optimizer', 'gate\_%'),
  ('cs_cost_model', 'cost\_%');

SELECT set_config('cs.schema', :'schema', false);
DO $tables$
DECLARE
  t record;
  s text;
  seq text;
  services text[] := ARRAY['cs_collector', 'cs_pipeline', 'cs_executor', 'cs_recorder', 'cs_calibrator',
                           'cs_gate_optimizer', 'cs_cost_model'];
  target_schema text := current_setting('cs.schema');
BEGIN
  FOR t IN
    SELECT c.relname, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = target_schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  LOOP
    EXECUTE format('GRANT SELECT ON %I.%I TO cs_reader', target_schema, t.relname);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I.%I FROM %s', target_schema, t.relname,
                   array_to_string(services, ', '));
    FOR s IN SELECT o.role_name FROM cs_table_owner o WHERE t.relname LIKE o.table_pattern LOOP
      EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I.%I TO %I', target_schema, t.relname, s);
      FOR seq IN
        SELECT pg_get_serial_sequence(format('%I.%I', target_schema, t.relname), a.attname)
        FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
      LOOP
        IF seq IS NOT NULL THEN
          EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', seq, s);
        END IF;
      END LOOP;
    END LOOP;
  END LOOP;
END
$tables$;

-- The migration ledger is the migrator's; services may read it to check that their migrations ran.
DO $ledger$
BEGIN
  IF to_regclass(format('%I.schema_migrations', current_setting('cs.schema'))) IS NOT NULL THEN
    EXECUTE format('GRANT SELECT ON %I.schema_migrations TO cs_reader', current_setting('cs.schema'));
  END IF;
END
$ledger$;
