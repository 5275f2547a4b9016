#!/usr/bin/env bash
# Applies infra/postgres/roles.sql as a superuser with every role's password from the environment
# (CS_PG_<ROLE>_PASSWORD, or CS_PG_<ROLE>_PASSWORD_FILE naming a file that holds it). Connection: the usual
# libpq variables (PGHOST, PGPORT, PGUSER, PGDATABASE); the superuser's password from PGPASSWORD or from the
# file named by PGPASSFILE_SECRET. CS_PG_SCHEMA selects the schema (default public). Idempotent: run it
# before the migrations and again after them. Exits non-zero naming the first missing password.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -n "${PGPASSFILE_SECRET:-}" ]; then PGPASSWORD="$(cat "$PGPASSFILE_SECRET")"; export PGPASSWORD; fi

password() { # ROLE -> the password, from CS_PG_<ROLE>_PASSWORD or CS_PG_<ROLE>_PASSWORD_FILE
  local var="CS_PG_$1_PASSWORD" file_var="CS_PG_$1_PASSWORD_FILE"
  if [ -n "${!var:-}" ]; then printf '%s' "${!var}"
  elif [ -n "${!file_var:-}" ]; then tr -d '\n' < "${!file_var}"
  else echo "apply-roles: $var (or $file_var) is not set" >&2; return 1
  fi
}

# Passwords reach psql through a private file of \set commands, not its command line (ps shows that).
vars="$(mktemp)"
trap 'rm -f "$vars"' EXIT
chmod 600 "$vars"
quote="'"
for role in MIGRATOR COLLECTOR PIPELINE EXECUTOR RECORDER CALIBRATOR GATE_OPTIMIZER COST_MODEL DASHBOARD; do
  value="$(password "$role")"
  printf '\\set %s_password %s%s%s\n' "$(tr '[:upper:]' '[:lower:]' <<< "$role")" \
    "$quote" "${value//$quote/$quote$quote}" "$quote" >> "$vars"
done
psql -X -q -v ON_ERROR_STOP=1 -v "schema=${CS_PG_SCHEMA:-public}" -f "$vars" -f "$here/roles.sql"
echo "apply-roles: roles and grants applied (schema ${CS_PG_SCHEMA:-public})"
