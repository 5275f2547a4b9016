#!/usr/bin/env bash
# Creates .venv (once) and installs the ml/ package with its test and training dependencies (torch, xgboost-cpu,
# onnx, onnxruntime, scikit-learn). Idempotent: re-installs only when ml/pyproject.toml changed since the last
# install. pip's download cache (~/.cache/pip) is kept, so a re-install does not download torch again.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ml/pyproject.toml ] || { echo "python: no ml/pyproject.toml, skipping venv"; exit 0; }
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.ml-install-stamp
if [ ! -f "$stamp" ] || [ ml/pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e 'ml[dev,train]'
  touch "$stamp"
fi
