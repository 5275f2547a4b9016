#!/usr/bin/env bash
# Lints the protobuf contracts (buf lint, STANDARD rules) and checks them for breaking changes (buf breaking, FILE
# rules) against the previous commit, or against BUF_BREAKING_AGAINST (a git ref) when set. The breaking check is
# skipped, with a message, outside a git repository or when that commit has no proto/ folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
buf="node_modules/.bin/buf"
if [[ ! -x "$buf" ]]; then
  echo "buf-check: $buf is missing; run npm ci first" >&2
  exit 1
fi

"$buf" lint
echo "buf lint: ok"

against="${BUF_BREAKING_AGAINST:-HEAD~1}"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "buf breaking: skipped (not a git repository)"
  exit 0
fi
if ! git rev-parse --verify --quiet "${against}^{commit}" >/dev/null; then
  echo "buf breaking: skipped (no commit ${against})"
  exit 0
fi
if ! git cat-file -e "${against}:proto" 2>/dev/null; then
  echo "buf breaking: skipped (${against} has no proto/)"
  exit 0
fi
"$buf" breaking proto --against ".git#ref=${against},subdir=proto"
echo "buf breaking: ok (against ${against})"
