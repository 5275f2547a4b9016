#!/usr/bin/env bash
# Local Apache Kafka (KRaft, one node acting as broker and controller) on 127.0.0.1:$CS_KAFKA_PORT.
# Usage: infra/scripts/kafka.sh install|start|stop|restart|status|packages
#   install   fetch the broker JARs (Maven Central, infra/kafka/pom.xml) and compile the probe
#   start     install, format the storage once, start the broker, wait until it answers metadata
#   stop      SIGTERM (controlled shutdown), SIGKILL after CS_KAFKA_STOP_TIMEOUT_S (30)
# State: .infra/kafka/{libs,classes,data,server.properties,kafka.pid,kafka.log}
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

C=kafka
KAFKA_SRC="$CS_ROOT/infra/kafka"
KAFKA_DIR="$CS_STATE/kafka"
KAFKA_LIBS="$KAFKA_DIR/libs"
KAFKA_CLASSES="$KAFKA_DIR/classes"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_PID="$KAFKA_DIR/kafka.pid"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
KAFKA_HEAP_OPTS="${CS_KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_START_TIMEOUT_S="${CS_KAFKA_START_TIMEOUT_S:-120}"
KAFKA_STOP_TIMEOUT_S="${CS_KAFKA_STOP_TIMEOUT_S:-30}"
mkdir -p "$KAFKA_DIR"

kafka_packages() {
  command -v javac >/dev/null || echo openjdk-17-jdk-headless
  command -v mvn >/dev/null || echo maven
  return 0
}

# Copies the pom's dependencies into .infra/kafka/libs unless they are there for this very pom.
kafka_fetch_libs() {
  local want have=""
  want="$(sha256sum "$KAFKA_SRC/pom.xml" | cut -d' ' -f1)"
  [ -r "$KAFKA_LIBS/.pom.sha256" ] && have="$(cat "$KAFKA_LIBS/.pom.sha256")"
  if [ "$want" = "$have" ] && compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  info "$C" "fetching broker JARs from Maven Central (infra/kafka/pom.xml)"
  rm -rf "$KAFKA_LIBS.tmp"
  if ! mvn -q -B -f "$KAFKA_SRC/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIBS.tmp" >"$KAFKA_DIR/mvn.log" 2>&1; then
    tail -n 20 "$KAFKA_DIR/mvn.log" >&2
    die "$C" "mvn dependency:copy-dependencies failed; log: $KAFKA_DIR/mvn.log"
  fi
  echo "$want" >"$KAFKA_LIBS.tmp/.pom.sha256"
  rm -rf "$KAFKA_LIBS" "$KAFKA_CLASSES"
  mv "$KAFKA_LIBS.tmp" "$KAFKA_LIBS"
}

# Compiles infra/kafka/KafkaProbe.java once (again when the source changes).
kafka_build_probe() {
  local want have=""
  want="$(sha256sum "$KAFKA_SRC/KafkaProbe.java" | cut -d' ' -f1)"
  [ -r "$KAFKA_CLASSES/.src.sha256" ] && have="$(cat "$KAFKA_CLASSES/.src.sha256")"
  [ "$want" = "$have" ] && [ -f "$KAFKA_CLASSES/KafkaProbe.class" ] && return 0
  rm -rf "$KAFKA_CLASSES" && mkdir -p "$KAFKA_CLASSES"
  javac -nowarn -d "$KAFKA_CLASSES" -cp "$KAFKA_LIBS/*" "$KAFKA_SRC/KafkaProbe.java" ||
    die "$C" "javac of infra/kafka/KafkaProbe.java failed"
  echo "$want" >"$KAFKA_CLASSES/.src.sha256"
}

kafka_install() {
  install_missing kafka_packages
  kafka_fetch_libs
  kafka_build_probe
}

# Renders server.properties and formats the storage with a fresh cluster id unless already formatted.
kafka_prepare() {
  mkdir -p "$KAFKA_DATA"
  sed -e "s|@BROKER_PORT@|$CS_KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$CS_KAFKA_CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$KAFKA_DATA|g" "$KAFKA_SRC/server.properties" >"$KAFKA_PROPS"
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  local cluster_id
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  cluster_id="${cluster_id/#-/A}"
  info "$C" "formatting storage (cluster id $cluster_id)"
  java -Dlog4j.configuration="file:$KAFKA_SRC/log4j-tools.properties" -cp "$KAFKA_LIBS/*" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_PROPS" >>"$KAFKA_LOG" 2>&1 ||
    die "$C" "storage format failed; log: $KAFKA_LOG"
}

kafka_pid() {
  local pid
  pid="$(read_pid "$KAFKA_PID")"
  if pid_matches "$pid" "$KAFKA_PROPS"; then printf '%s' "$pid"; fi
}

# Polls a real metadata request until the broker answers (see infra/kafka/KafkaProbe.java).
kafka_wait_ready() {
  local pid="$1" rc=0
  java -Dlog4j.configuration="file:$KAFKA_SRC/log4j-tools.properties" -cp "$KAFKA_LIBS/*:$KAFKA_CLASSES" \
    KafkaProbe "$KAFKA_BROKERS" "$((KAFKA_START_TIMEOUT_S * 1000))" "$pid" >/dev/null 2>"$KAFKA_DIR/probe.err" || rc=$?
  [ "$rc" -eq 0 ] && return 0
  tail -n 30 "$KAFKA_LOG" >&2 || true
  cat "$KAFKA_DIR/probe.err" >&2
  if [ "$rc" -eq 2 ]; then
    die "$C" "broker exited before it was ready on $KAFKA_BROKERS; log: $KAFKA_LOG"
  fi
  die "$C" "broker not ready on $KAFKA_BROKERS after ${KAFKA_START_TIMEOUT_S}s; log: $KAFKA_LOG"
}

kafka_start() {
  kafka_install
  local pid
  pid="$(kafka_pid)"
  if [ -n "$pid" ]; then
    kafka_wait_ready "$pid"
    info "$C" "already running on $KAFKA_BROKERS (pid $pid)"
    return 0
  fi
  require_port_free "$C" "$CS_KAFKA_PORT"
  require_port_free "$C" "$CS_KAFKA_CONTROLLER_PORT"
  kafka_prepare
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several JVM flags.
  launch_bg "$KAFKA_PID" "$KAFKA_LOG" java $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dlog4j.configuration="file:$KAFKA_SRC/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS" || die "$C" "could not launch java; log: $KAFKA_LOG"
  pid="$(read_pid "$KAFKA_PID")"
  kafka_wait_ready "$pid"
  info "$C" "ready on $KAFKA_BROKERS (pid $pid, log $KAFKA_LOG)"
}

kafka_stop() {
  local pid
  pid="$(kafka_pid)"
  if [ -z "$pid" ]; then
    info "$C" "not running"
  else
    info "$C" "stopping pid $pid"
    stop_pid "$C" "$pid" TERM "$KAFKA_STOP_TIMEOUT_S"
    info "$C" "stopped"
  fi
  rm -f "$KAFKA_PID"
}

case "${1:-}" in
  packages) kafka_packages ;;
  install) with_lock "$C" kafka_install ;;
  start) with_lock "$C" kafka_start ;;
  stop) with_lock "$C" kafka_stop ;;
  restart) with_lock "$C" kafka_stop && with_lock "$C" kafka_start ;;
  status) status_line "$C" "$CS_KAFKA_PORT" "$(kafka_pid)" ;;
  *) echo "usage: $0 install|start|stop|restart|status|packages" >&2; exit 2 ;;
esac
