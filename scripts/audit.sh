#!/usr/bin/env bash
# Dependency audit (docs/security.md "Dependency audit"), run by `make audit` and `make test`:
#   npm        npm audit --omit=dev --audit-level=high over package-lock.json (production dependencies)
#   pip        pip-audit over the project's Python venv .venv (scripts/python-venv.sh; pip-audit is pinned in
#              the dev extras of ml/pyproject.toml), the ml package itself skipped (editable, not published)
# Each prints one line: "ok", "FAILED" (high or critical findings, named) or "NOT RUN" (the advisory service
# could not be reached, or packages could not be looked up: that audit is NOT a clean result, and the line
# says why). Exit 1 on any high/critical finding; 2 when an audit did not run and CS_AUDIT_REQUIRED=1;
# else 0. JSON reports are kept under out/audit/. Environment: CS_AUDIT_REQUIRED (0), CS_AUDIT_TIMEOUT_S (90).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

REPORTS=out/audit
TIMEOUT_S="${CS_AUDIT_TIMEOUT_S:-90}"
PIP_AUDIT=.venv/bin/pip-audit
mkdir -p "$REPORTS"
findings=()
not_run=()

# verdict NAME KIND REPORT — prints the report's verdict line and records it.
verdict() {
  local name="$1" line rc
  line="$(node scripts/audit-report.mjs "$2" "$3")"
  rc=$?
  case "$rc" in
    0) printf 'audit: %-5s ok       %s\n' "$name" "$line" ;;
    1) printf 'audit: %-5s FAILED   %s\n' "$name" "$line"; findings+=("$name") ;;
    *) printf 'audit: %-5s NOT RUN  %s\n' "$name" "$line"; not_run+=("$name") ;;
  esac
}

npm_audit() {
  local report="$REPORTS/npm-audit.json"
  timeout "$TIMEOUT_S" npm audit --omit=dev --audit-level=high --json >"$report" 2>"$REPORTS/npm-audit.log"
  [ -s "$report" ] || tail -n 3 "$REPORTS/npm-audit.log" >&2
  verdict npm npm "$report"
}

pip_audit() {
  local report="$REPORTS/pip-audit.json"
  if [ ! -x "$PIP_AUDIT" ]; then
    printf 'audit: %-5s NOT RUN  could NOT run: %s is missing (make install); Python packages were NOT audited\n' \
      pip "$PIP_AUDIT"
    not_run+=(pip)
    return
  fi
  rm -f "$report"
  timeout "$TIMEOUT_S" "$PIP_AUDIT" --format json --output "$report" --progress-spinner off --skip-editable \
    --timeout 10 >"$REPORTS/pip-audit.log" 2>&1
  [ -s "$report" ] || tail -n 3 "$REPORTS/pip-audit.log" >&2
  verdict pip pip "$report"
}

npm_audit
pip_audit
if [ "${#findings[@]}" -gt 0 ]; then
  echo "audit: high/critical findings in: ${findings[*]} (reports under $REPORTS/)" >&2
  exit 1
fi
if [ "${#not_run[@]}" -gt 0 ]; then
  if [ "${CS_AUDIT_REQUIRED:-0}" = 1 ]; then
    echo "audit: NOT RUN: ${not_run[*]}, and CS_AUDIT_REQUIRED=1: failing" >&2
    exit 2
  fi
  echo "audit: NOT RUN: ${not_run[*]}: these dependencies were NOT audited (CS_AUDIT_REQUIRED=1 makes this fail)"
  exit 0
fi
echo "audit: every audit ran, no high/critical finding"
