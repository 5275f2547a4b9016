# shellcheck shell=bash
# Shared helpers of the infra/scripts/*.sh component scripts. Sourced, never run.
# Runtime state (data, logs, pid files, caches) lives under $CS_STATE (default <repo>/.infra).
# File descriptors 8 (component lock) and 9 (up/down lock) are reserved for flock and are closed in
# every process started in the background, so a running server never holds a lock.

set -euo pipefail

CS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=../env.sh
source "$CS_ROOT/infra/env.sh"
CS_STATE="${CS_INFRA_DIR:-$CS_ROOT/.infra}"
CS_POLL_S=0.25
mkdir -p "$CS_STATE"

# info COMPONENT MESSAGE... — one progress line on stdout.
info() { local c="$1"; shift; printf '[infra:%s] %s\n' "$c" "$*"; }

# die COMPONENT MESSAGE... — one error line on stderr, then exit 1.
die() { local c="$1"; shift; printf '[infra:%s] ERROR: %s\n' "$c" "$*" >&2; exit 1; }

# with_lock NAME CMD... — runs CMD holding the exclusive lock $CS_STATE/NAME.lock on fd 8.
with_lock() {
  local name="$1"; shift
  exec 8>"$CS_STATE/$name.lock"
  flock 8
  "$@"
  exec 8>&-
}

# pid_matches PID PATTERN — true when PID is alive and its command line contains PATTERN.
pid_matches() {
  local pid="$1" pattern="$2"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}

# read_pid FILE — prints the first line of FILE if it is a number, else nothing.
read_pid() {
  local line=""
  if [ -r "$1" ]; then read -r line <"$1" || true; fi
  if [[ "$line" =~ ^[0-9]+$ ]]; then printf '%s' "$line"; fi
}

# port_open PORT — true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/$CS_INFRA_HOST/$1") 2>/dev/null; }

# require_port_free COMPONENT PORT — dies when another process already listens on PORT.
require_port_free() {
  if port_open "$2"; then
    die "$1" "port $CS_INFRA_HOST:$2 is already in use by another process (not ours); free it or set the port override in infra/env.sh"
  fi
}

# launch_bg PIDFILE LOGFILE CMD... — starts CMD in its own session, detached, appending stdout and
# stderr to LOGFILE; the process writes its own pid to PIDFILE before exec.
launch_bg() {
  local pidfile="$1" logfile="$2"; shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ and $0 expand in the child shell.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 8>&- 9>&- &
  local i
  for ((i = 0; i < 200; i++)); do
    [ -s "$pidfile" ] && return 0
    sleep 0.05
  done
  return 1
}

# wait_ready COMPONENT PORT LOGFILE TIMEOUT_S ALIVE_CMD CHECK_CMD — polls CHECK_CMD (a shell
# function or command string, evaluated) every CS_POLL_S until it succeeds. Dies naming the
# component, port and log file when ALIVE_CMD fails (the process exited) or TIMEOUT_S passes.
wait_ready() {
  local comp="$1" port="$2" logfile="$3" timeout_s="$4" alive_cmd="$5" check_cmd="$6"
  local deadline=$((SECONDS + timeout_s))
  while ! eval "$check_cmd" >/dev/null 2>&1; do
    if ! eval "$alive_cmd"; then
      tail -n 30 "$logfile" >&2 2>/dev/null || true
      die "$comp" "process exited before it was ready on $CS_INFRA_HOST:$port; log: $logfile"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$logfile" >&2 2>/dev/null || true
      die "$comp" "not ready on $CS_INFRA_HOST:$port after ${timeout_s}s; log: $logfile"
    fi
    sleep "$CS_POLL_S"
  done
}

# stop_pid COMPONENT PID SIGNAL TIMEOUT_S — sends SIGNAL, waits up to TIMEOUT_S for the process to
# exit, then sends SIGKILL and waits for it to disappear.
stop_pid() {
  local comp="$1" pid="$2" sig="$3" timeout_s="$4"
  kill -s "$sig" "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + timeout_s))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      info "$comp" "pid $pid still running after ${timeout_s}s, sending SIGKILL"
      kill -s KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep "$CS_POLL_S"; done
      return 0
    fi
    sleep "$CS_POLL_S"
  done
}

# missing_packages PKG... — prints the Debian packages among PKG that are not installed.
missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || printf '%s\n' "$p"
  done
}

# ensure_packages PKG... — installs the missing ones among PKG: one `apt-get update`, then one
# `apt-get install`, serialized by $CS_STATE/apt.lock. Services the packages ship are not started
# (a temporary policy-rc.d denies it when the machine has none).
ensure_packages() {
  [ "$#" -gt 0 ] || return 0
  exec 7>"$CS_STATE/apt.lock"
  flock 7
  local missing=()
  mapfile -t missing < <(missing_packages "$@")
  if [ "${#missing[@]}" -gt 0 ]; then
    local policy=/usr/sbin/policy-rc.d added_policy="" rc=0
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1
    fi
    info apt "installing: ${missing[*]}"
    {
      DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    } >"$CS_STATE/apt.log" 2>&1 || rc=$?
    if [ -n "$added_policy" ]; then rm -f "$policy"; fi
    if [ "$rc" -ne 0 ]; then
      tail -n 20 "$CS_STATE/apt.log" >&2
      die apt "apt-get install ${missing[*]} failed (exit $rc); log: $CS_STATE/apt.log"
    fi
  fi
  exec 7>&-
}

# install_missing FN — runs FN, which prints the Debian packages a component lacks, and installs them.
install_missing() {
  local pkgs=()
  mapfile -t pkgs < <("$1")
  ensure_packages "${pkgs[@]}"
}

# status_line COMPONENT PORT PID — prints "COMPONENT running|stopped ADDR pid=PID".
status_line() {
  local comp="$1" port="$2" pid="$3" state=stopped
  if [ -n "$pid" ]; then
    state=running
    port_open "$port" || state=starting
  fi
  printf '%-11s %-8s %s:%-6s pid=%s\n' "$comp" "$state" "$CS_INFRA_HOST" "$port" "${pid:--}"
}
