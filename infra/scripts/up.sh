#!/usr/bin/env bash
# Installs what is missing and starts Kafka, PostgreSQL, Redis and Prometheus on 127.0.0.1, each
# waited for with a real request. Safe to run concurrently and repeatedly (flock on .infra/up.lock);
# components already running are only checked. Ports: infra/env.sh. Exits 1 naming what failed.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COMPONENTS=(kafka postgres redis prometheus)
SCRIPTS="$CS_ROOT/infra/scripts"

exec 9>"$CS_STATE/up.lock"
flock 9

# One apt-get update and one apt-get install for everything missing, before anything starts.
packages=()
for c in "${COMPONENTS[@]}"; do
  mapfile -t -O "${#packages[@]}" packages < <(bash "$SCRIPTS/$c.sh" packages)
done
ensure_packages "${packages[@]}"

# Start in parallel: the JVM start of Kafka dominates, the others finish meanwhile.
declare -A pids
for c in "${COMPONENTS[@]}"; do
  bash "$SCRIPTS/$c.sh" start &
  pids[$c]=$!
done
failed=()
for c in "${COMPONENTS[@]}"; do
  wait "${pids[$c]}" || failed+=("$c")
done

for c in "${COMPONENTS[@]}"; do bash "$SCRIPTS/$c.sh" status; done
if [ "${#failed[@]}" -gt 0 ]; then
  die up "failed to start: ${failed[*]} (see the errors above; logs under $CS_STATE)"
fi
info up "all components ready; endpoints: source infra/env.sh"
