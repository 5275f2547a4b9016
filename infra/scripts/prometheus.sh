#!/usr/bin/env bash
# Local Prometheus (Debian package `prometheus`, which also gives promtool) on
# 127.0.0.1:$CS_PROMETHEUS_PORT, scraping itself and the file_sd targets written into
# $CS_PROMETHEUS_TARGETS_DIR (infra/prometheus/prometheus.yml, job cryptosignal-local).
# Usage: infra/scripts/prometheus.sh install|start|stop|restart|status|packages
#   start     install, render and promtool-check the config, start, wait until /-/ready answers 200;
#             when already running, re-render the config and reload it (POST /-/reload) if it changed
#   stop      SIGTERM, SIGKILL after CS_PROMETHEUS_STOP_TIMEOUT_S (20)
# State: .infra/prometheus/{data,targets,prometheus.yml,prometheus.pid,prometheus.log}
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

C=prometheus
PROM_DIR="$CS_STATE/prometheus"
PROM_CONFIG="$PROM_DIR/prometheus.yml"
PROM_PID="$PROM_DIR/prometheus.pid"
PROM_LOG="$PROM_DIR/prometheus.log"
PROM_START_TIMEOUT_S="${CS_PROMETHEUS_START_TIMEOUT_S:-60}"
PROM_STOP_TIMEOUT_S="${CS_PROMETHEUS_STOP_TIMEOUT_S:-20}"
mkdir -p "$PROM_DIR/data" "$CS_PROMETHEUS_TARGETS_DIR"

prom_packages() {
  command -v prometheus >/dev/null || echo prometheus
  command -v curl >/dev/null || echo curl
  return 0
}

prom_install() { install_missing prom_packages; }

prom_pid() {
  local pid
  pid="$(read_pid "$PROM_PID")"
  if pid_matches "$pid" "$PROM_CONFIG"; then printf '%s' "$pid"; fi
}

prom_alive() { kill -0 "$(read_pid "$PROM_PID")" 2>/dev/null; }

prom_ready() { curl -fsS -o /dev/null --max-time 2 "$PROMETHEUS_URL/-/ready"; }

# prom_render_config FILE — renders infra/prometheus/prometheus.yml into FILE (beside $PROM_CONFIG, so the
# relative file_sd path targets/*.json resolves to $PROM_DIR/targets) and checks it with promtool.
prom_render_config() {
  sed -e "s|127\.0\.0\.1:19090|$CS_INFRA_HOST:$CS_PROMETHEUS_PORT|g" \
    "$CS_ROOT/infra/prometheus/prometheus.yml" >"$1"
  promtool check config "$1" >>"$PROM_LOG" 2>&1 ||
    die "$C" "promtool check config failed for infra/prometheus/prometheus.yml; log: $PROM_LOG"
}

# Re-renders the config of a running server and reloads it when it changed.
prom_reload_if_changed() {
  local next="$PROM_DIR/prometheus.next.yml"
  prom_render_config "$next"
  if cmp -s "$next" "$PROM_CONFIG"; then
    rm -f "$next"
    return 0
  fi
  mv "$next" "$PROM_CONFIG"
  curl -fsS -o /dev/null --max-time 10 -X POST "$PROMETHEUS_URL/-/reload" ||
    die "$C" "the config changed but POST /-/reload failed; log: $PROM_LOG"
  info "$C" "config changed: reloaded"
}

prom_start() {
  prom_install
  local pid
  pid="$(prom_pid)"
  if [ -n "$pid" ]; then
    wait_ready "$C" "$CS_PROMETHEUS_PORT" "$PROM_LOG" "$PROM_START_TIMEOUT_S" prom_alive prom_ready
    prom_reload_if_changed
    info "$C" "already running on $PROMETHEUS_URL (pid $pid)"
    return 0
  fi
  require_port_free "$C" "$CS_PROMETHEUS_PORT"
  prom_render_config "$PROM_CONFIG"
  launch_bg "$PROM_PID" "$PROM_LOG" prometheus --config.file="$PROM_CONFIG" \
    --storage.tsdb.path="$PROM_DIR/data" --storage.tsdb.retention.time=2d \
    --web.listen-address="$CS_INFRA_HOST:$CS_PROMETHEUS_PORT" --web.enable-lifecycle ||
    die "$C" "could not launch prometheus; log: $PROM_LOG"
  wait_ready "$C" "$CS_PROMETHEUS_PORT" "$PROM_LOG" "$PROM_START_TIMEOUT_S" prom_alive prom_ready
  info "$C" "ready on $PROMETHEUS_URL (pid $(prom_pid), log $PROM_LOG)"
}

prom_stop() {
  local pid
  pid="$(prom_pid)"
  if [ -z "$pid" ]; then
    info "$C" "not running"
  else
    info "$C" "stopping pid $pid"
    stop_pid "$C" "$pid" TERM "$PROM_STOP_TIMEOUT_S"
    info "$C" "stopped"
  fi
  rm -f "$PROM_PID"
}

case "${1:-}" in
  packages) prom_packages ;;
  install) with_lock "$C" prom_install ;;
  start) with_lock "$C" prom_start ;;
  stop) with_lock "$C" prom_stop ;;
  restart) with_lock "$C" prom_stop && with_lock "$C" prom_start ;;
  status) status_line "$C" "$CS_PROMETHEUS_PORT" "$(prom_pid)" ;;
  *) echo "usage: $0 install|start|stop|restart|status|packages" >&2; exit 2 ;;
esac
