#!/usr/bin/env bash
# Prints one line per component: name, running|starting|stopped, address, pid.
# "starting" means the process is alive but its port does not accept connections yet.
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for c in kafka postgres redis prometheus; do
  bash "$CS_ROOT/infra/scripts/$c.sh" status
done
