#!/usr/bin/env bash
# Stops every local infrastructure component: graceful signal first, SIGKILL after a bounded wait
# (see each component script). Data under .infra/ is kept; `rm -rf .infra` after this resets it.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COMPONENTS=(prometheus kafka redis postgres)
SCRIPTS="$CS_ROOT/infra/scripts"

exec 9>"$CS_STATE/up.lock"
flock 9

declare -A pids
for c in "${COMPONENTS[@]}"; do
  bash "$SCRIPTS/$c.sh" stop &
  pids[$c]=$!
done
failed=()
for c in "${COMPONENTS[@]}"; do
  wait "${pids[$c]}" || failed+=("$c")
done
[ "${#failed[@]}" -eq 0 ] || die down "failed to stop: ${failed[*]}"
