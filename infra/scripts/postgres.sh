#!/usr/bin/env bash
# Local PostgreSQL (Debian package `postgresql`, version 15 preferred) on 127.0.0.1:$CS_PG_PORT.
# Usage: infra/scripts/postgres.sh install|start|stop|restart|status|packages
#   start     install, initdb once, start the server as the `postgres` OS user, wait for pg_isready,
#             ensure role/database cryptosignal, then check `select 1` as that role over TCP
#   stop      SIGINT (fast shutdown), SIGKILL after CS_PG_STOP_TIMEOUT_S (30)
# State: .infra/postgres/{data,run,postgres.log}. When the `postgres` user cannot reach .infra (the
# checkout sits under a private directory), data and run live under /var/lib/cryptosignal instead.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

C=postgres
PG_DIR="$CS_STATE/postgres"
PG_LOG="$PG_DIR/postgres.log"
PG_LAUNCHER_PID="$PG_DIR/launcher.pid"
PG_START_TIMEOUT_S="${CS_PG_START_TIMEOUT_S:-60}"
PG_STOP_TIMEOUT_S="${CS_PG_STOP_TIMEOUT_S:-30}"
mkdir -p "$PG_DIR"

pg_bin_dir() {
  if [ -x /usr/lib/postgresql/15/bin/postgres ]; then
    echo /usr/lib/postgresql/15/bin
  else
    find /usr/lib/postgresql -path '*/bin/postgres' 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname
  fi
}

pg_packages() {
  [ -n "$(pg_bin_dir)" ] || echo postgresql
  return 0
}

# Chooses where the cluster lives: .infra/postgres when the postgres user can reach it.
pg_locate() {
  local base="$PG_DIR"
  if ! runuser -u postgres -- test -x "$PG_DIR" 2>/dev/null; then
    base="/var/lib/cryptosignal/postgres-$(printf '%s' "$CS_STATE" | cksum | cut -d' ' -f1)"
  fi
  PG_DATA="$base/data"
  PG_RUN="$base/run"
}

pg_install() {
  install_missing pg_packages
  PG_BIN="$(pg_bin_dir)"
  [ -n "$PG_BIN" ] || die "$C" "no PostgreSQL server binaries under /usr/lib/postgresql"
  pg_locate
}

pg_initdb() {
  mkdir -p "$PG_DATA" "$PG_RUN"
  chown postgres:postgres "$PG_DATA" "$PG_RUN"
  chmod 700 "$PG_DATA"
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  info "$C" "initdb $PG_DATA"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C \
    --auth-local=peer --auth-host=scram-sha-256 --no-instructions >>"$PG_LOG" 2>&1 ||
    die "$C" "initdb failed; log: $PG_LOG"
}

pg_pid() {
  local pid
  pid="$(read_pid "$PG_DATA/postmaster.pid")"
  if pid_matches "$pid" "$PG_DATA"; then printf '%s' "$pid"; fi
}

pg_alive() {
  [ -n "$(pg_pid)" ] || pid_matches "$(read_pid "$PG_LAUNCHER_PID")" "$PG_DATA"
}

pg_isready_check() { "$PG_BIN/pg_isready" -q -h "$CS_INFRA_HOST" -p "$CS_PG_PORT"; }

# Creates (or realigns) the application role and database; idempotent.
pg_bootstrap() {
  runuser -u postgres -- "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$CS_PG_PORT" \
    -U postgres -d postgres >>"$PG_LOG" 2>&1 <<SQL || die "$C" "creating role/database $CS_PG_USER failed; log: $PG_LOG"
DO \$\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$CS_PG_USER') THEN
    CREATE ROLE "$CS_PG_USER" LOGIN CREATEDB PASSWORD '$CS_PG_PASSWORD';
  END IF;
END\$\$;
ALTER ROLE "$CS_PG_USER" LOGIN CREATEDB PASSWORD '$CS_PG_PASSWORD';
SELECT 'CREATE DATABASE "$CS_PG_DATABASE" OWNER "$CS_PG_USER"'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$CS_PG_DATABASE') \gexec
SQL
}

pg_check_app_role() {
  local out
  out="$(PGPASSWORD="$CS_PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -tAq "$DATABASE_URL" -c 'select 1' 2>&1)" ||
    die "$C" "select 1 as $CS_PG_USER failed on $CS_INFRA_HOST:$CS_PG_PORT: $out; log: $PG_LOG"
  [ "$out" = 1 ] || die "$C" "select 1 as $CS_PG_USER returned '$out'; log: $PG_LOG"
}

pg_start() {
  pg_install
  local pid
  pid="$(pg_pid)"
  if [ -n "$pid" ]; then
    wait_ready "$C" "$CS_PG_PORT" "$PG_LOG" "$PG_START_TIMEOUT_S" pg_alive pg_isready_check
    pg_check_app_role
    info "$C" "already running on $CS_INFRA_HOST:$CS_PG_PORT (pid $pid)"
    return 0
  fi
  require_port_free "$C" "$CS_PG_PORT"
  pg_initdb
  launch_bg "$PG_LAUNCHER_PID" "$PG_LOG" runuser -u postgres -- "$PG_BIN/postgres" -D "$PG_DATA" \
    -c port="$CS_PG_PORT" -c listen_addresses="$CS_INFRA_HOST" -c unix_socket_directories="$PG_RUN" \
    -c max_connections=200 -c logging_collector=off || die "$C" "could not launch postgres; log: $PG_LOG"
  wait_ready "$C" "$CS_PG_PORT" "$PG_LOG" "$PG_START_TIMEOUT_S" pg_alive pg_isready_check
  pg_bootstrap
  pg_check_app_role
  info "$C" "ready on $CS_INFRA_HOST:$CS_PG_PORT (pid $(pg_pid), data $PG_DATA, log $PG_LOG)"
}

pg_stop() {
  pg_locate
  local pid
  pid="$(pg_pid)"
  if [ -z "$pid" ]; then
    info "$C" "not running"
  else
    info "$C" "stopping pid $pid"
    stop_pid "$C" "$pid" INT "$PG_STOP_TIMEOUT_S"
    info "$C" "stopped"
  fi
  rm -f "$PG_LAUNCHER_PID"
}

pg_status() {
  pg_locate
  status_line "$C" "$CS_PG_PORT" "$(pg_pid)"
}

case "${1:-}" in
  packages) pg_packages ;;
  install) with_lock "$C" pg_install ;;
  start) with_lock "$C" pg_start ;;
  stop) with_lock "$C" pg_stop ;;
  restart) with_lock "$C" pg_stop && with_lock "$C" pg_start ;;
  status) pg_status ;;
  *) echo "usage: $0 install|start|stop|restart|status|packages" >&2; exit 2 ;;
esac
