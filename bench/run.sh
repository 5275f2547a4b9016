#!/usr/bin/env bash
# Runs every benchmark under bench/ (files named *.bench.mjs, run against the built packages) one after
# another, so they do not compete for the two cores. Each prints one JSON object per line on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
benches=(bench/*.bench.mjs)
[ ${#benches[@]} -gt 0 ] || { echo '{"note":"no benchmarks yet"}'; exit 0; }
for b in "${benches[@]}"; do
  node "$b"
done
