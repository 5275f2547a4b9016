#!/usr/bin/env bash
# Local Redis (Debian package `redis-server`) on 127.0.0.1:$CS_REDIS_PORT, default persistence.
# Usage: infra/scripts/redis.sh install|start|stop|restart|status|packages
#   start     install, start redis-server, wait until `redis-cli ping` answers PONG
#   stop      SIGTERM (graceful shutdown), SIGKILL after CS_REDIS_STOP_TIMEOUT_S (20)
# State: .infra/redis/{data,redis.pid,redis.log}
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

C=redis
REDIS_DIR="$CS_STATE/redis"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"
REDIS_START_TIMEOUT_S="${CS_REDIS_START_TIMEOUT_S:-30}"
REDIS_STOP_TIMEOUT_S="${CS_REDIS_STOP_TIMEOUT_S:-20}"
mkdir -p "$REDIS_DIR/data"

redis_packages() {
  command -v redis-server >/dev/null || echo redis-server
  command -v redis-cli >/dev/null || echo redis-tools
  return 0
}

redis_install() { install_missing redis_packages; }

redis_pid() {
  local pid
  pid="$(read_pid "$REDIS_PID")"
  if pid_matches "$pid" "redis-server $CS_INFRA_HOST:$CS_REDIS_PORT"; then printf '%s' "$pid"; fi
}

redis_alive() { kill -0 "$(read_pid "$REDIS_PID")" 2>/dev/null; }

redis_ping() { [ "$(redis-cli -h "$CS_INFRA_HOST" -p "$CS_REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_start() {
  redis_install
  local pid
  pid="$(redis_pid)"
  if [ -n "$pid" ]; then
    wait_ready "$C" "$CS_REDIS_PORT" "$REDIS_LOG" "$REDIS_START_TIMEOUT_S" redis_alive redis_ping
    info "$C" "already running on $REDIS_URL (pid $pid)"
    return 0
  fi
  require_port_free "$C" "$CS_REDIS_PORT"
  launch_bg "$REDIS_PID" "$REDIS_LOG" redis-server --bind "$CS_INFRA_HOST" --port "$CS_REDIS_PORT" \
    --dir "$REDIS_DIR/data" --daemonize no --logfile "" --protected-mode yes ||
    die "$C" "could not launch redis-server; log: $REDIS_LOG"
  wait_ready "$C" "$CS_REDIS_PORT" "$REDIS_LOG" "$REDIS_START_TIMEOUT_S" redis_alive redis_ping
  info "$C" "ready on $REDIS_URL (pid $(redis_pid), log $REDIS_LOG)"
}

redis_stop() {
  local pid
  pid="$(redis_pid)"
  if [ -z "$pid" ]; then
    info "$C" "not running"
  else
    info "$C" "stopping pid $pid"
    stop_pid "$C" "$pid" TERM "$REDIS_STOP_TIMEOUT_S"
    info "$C" "stopped"
  fi
  rm -f "$REDIS_PID"
}

case "${1:-}" in
  packages) redis_packages ;;
  install) with_lock "$C" redis_install ;;
  start) with_lock "$C" redis_start ;;
  stop) with_lock "$C" redis_stop ;;
  restart) with_lock "$C" redis_stop && with_lock "$C" redis_start ;;
  status) status_line "$C" "$CS_REDIS_PORT" "$(redis_pid)" ;;
  *) echo "usage: $0 install|start|stop|restart|status|packages" >&2; exit 2 ;;
esac
