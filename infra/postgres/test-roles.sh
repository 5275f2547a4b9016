#!/usr/bin/env bash
# Tests infra/postgres/roles.sql against the local PostgreSQL of infra/scripts/up.sh, in a scratch database
# that is dropped afterwards: each service role writes only the tables it owns, reads every table, creates
# nothing; the dashboard role only reads; applying the roles twice changes nothing. The cs_* roles are
# cluster-wide and stay (with random passwords). Prints one line per check and "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=../env.sh
source "$root/infra/env.sh"
run=""
for dir in "$root/.infra/postgres/run" /var/lib/cryptosignal/postgres-*/run; do
  if [ -S "$dir/.s.PGSQL.$CS_PG_PORT" ]; then run="$dir"; break; fi
done
[ -n "$run" ] || { echo "test-roles: no PostgreSQL socket for port $CS_PG_PORT; run infra/scripts/up.sh" >&2; exit 1; }
db="cs_roles_test_$$"
as_super() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -h "$run" -p "$CS_PG_PORT" "$@"; }
for role in MIGRATOR COLLECTOR PIPELINE EXECUTOR RECORDER CALIBRATOR GATE_OPTIMIZER COST_MODEL DASHBOARD; do
  export "CS_PG_${role}_PASSWORD=$(openssl rand -hex 16)"
done
apply() {
  local passwords
  mapfile -t passwords < <(env | grep -E '^CS_PG_[A-Z_]+_PASSWORD=')
  runuser -u postgres -- env PGHOST="$run" PGPORT="$CS_PG_PORT" PGUSER=postgres PGDATABASE="$db" \
    "${passwords[@]}" bash "$root/infra/postgres/apply-roles.sh" > /dev/null
}
cleanup() { as_super -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1 || true; }
trap cleanup EXIT

as_super -d postgres -c "CREATE DATABASE $db"
apply
sql_as() { # ROLE PASSWORD_VAR SQL -> psql's output and exit status
  PGPASSWORD="${!2}" psql -X -q -v ON_ERROR_STOP=1 -h "$CS_INFRA_HOST" -p "$CS_PG_PORT" -U "$1" -d "$db" -c "$3" 2>&1
}
sql_as cs_migrator CS_PG_MIGRATOR_PASSWORD "
  CREATE TABLE klines (symbol text, open_time timestamptz, close double precision);
  CREATE TABLE signal_snapshots (id bigserial PRIMARY KEY, symbol text);
  CREATE TABLE trade_results (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, pnl_pct double precision);
  CREATE TABLE calibration_versions (version int PRIMARY KEY);
  CREATE TABLE unowned_table (x int);" > /dev/null
apply
apply

passed=0
failed=0
expect() { # NAME ok|denied ROLE PASSWORD_VAR SQL
  local out status=0
  out="$(sql_as "$3" "$4" "$5")" || status=$?
  if { [ "$2" = ok ] && [ "$status" -eq 0 ]; } ||
     { [ "$2" = denied ] && [ "$status" -ne 0 ] && grep -qE 'permission denied|read-only transaction' <<< "$out"; }; then
    passed=$((passed + 1)); echo "ok      $1"
  else
    failed=$((failed + 1)); echo "FAILED  $1 (expected $2, got status $status: ${out//$'\n'/ })"
  fi
}
expect "recorder writes signal_snapshots (bigserial)" ok cs_recorder CS_PG_RECORDER_PASSWORD "INSERT INTO signal_snapshots (symbol) VALUES ('BTCUSDT')"
expect "recorder writes trade_results (identity)" ok cs_recorder CS_PG_RECORDER_PASSWORD "INSERT INTO trade_results (pnl_pct) VALUES (0.01)"
expect "recorder cannot write the market table klines" denied cs_recorder CS_PG_RECORDER_PASSWORD "INSERT INTO klines VALUES ('BTCUSDT', now(), 1)"
expect "recorder cannot update klines" denied cs_recorder CS_PG_RECORDER_PASSWORD "UPDATE klines SET close = 0"
expect "recorder reads klines" ok cs_recorder CS_PG_RECORDER_PASSWORD "SELECT count(*) FROM klines"
expect "recorder cannot truncate its own table" denied cs_recorder CS_PG_RECORDER_PASSWORD "TRUNCATE signal_snapshots"
expect "recorder cannot create a table" denied cs_recorder CS_PG_RECORDER_PASSWORD "CREATE TABLE x (y int)"
expect "collector writes klines" ok cs_collector CS_PG_COLLECTOR_PASSWORD "INSERT INTO klines VALUES ('BTCUSDT', now(), 1)"
expect "collector cannot write signal_snapshots" denied cs_collector CS_PG_COLLECTOR_PASSWORD "INSERT INTO signal_snapshots (symbol) VALUES ('x')"
expect "calibrator writes calibration_versions" ok cs_calibrator CS_PG_CALIBRATOR_PASSWORD "INSERT INTO calibration_versions VALUES (1)"
expect "calibrator cannot delete trade_results" denied cs_calibrator CS_PG_CALIBRATOR_PASSWORD "DELETE FROM trade_results"
expect "nobody but the migrator writes an unmapped table" denied cs_pipeline CS_PG_PIPELINE_PASSWORD "INSERT INTO unowned_table VALUES (1)"
expect "dashboard reads trade_results" ok cs_dashboard CS_PG_DASHBOARD_PASSWORD "SELECT count(*) FROM trade_results"
expect "dashboard cannot write" denied cs_dashboard CS_PG_DASHBOARD_PASSWORD "INSERT INTO calibration_versions VALUES (2)"
expect "migrator cannot create roles" denied cs_migrator CS_PG_MIGRATOR_PASSWORD "CREATE ROLE intruder"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
