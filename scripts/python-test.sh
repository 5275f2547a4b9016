#!/usr/bin/env bash
# Runs ruff and pytest for ml/. pytest's exit code 5 (no tests collected) is a failure here: a suite that
# collects nothing is a broken suite.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ml/pyproject.toml ] || { echo "python: no ml/ package yet"; exit 0; }
.venv/bin/python -m ruff check ml
.venv/bin/python -m ruff format --check ml
.venv/bin/python -m pytest ml
