#!/usr/bin/env bash
# Installs Debian's chromium for the report.html browser test when /usr/bin/chromium is missing.
# Idempotent; never downloads a browser through npm. Runs `apt-get update` only if the install fails without it.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends chromium; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends chromium
fi
[ -x /usr/bin/chromium ]
