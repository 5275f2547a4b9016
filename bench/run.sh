#!/usr/bin/env bash
# Runs every benchmark under bench/ (files named *.bench.mjs, run against the built packages) one after
# another, so they do not compete for the cores. Each prints one JSON object per line on stdout. A failing
# benchmark is reported on stderr and the others still run; the exit status is 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
benches=(bench/*.bench.mjs)
[ ${#benches[@]} -gt 0 ] || { echo '{"note":"no benchmarks yet"}'; exit 0; }
failed=()
for b in "${benches[@]}"; do
  node "$b" || failed+=("$b")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
