"""Model card (`manifest.json`) and parity fixtures (`parity.json`) beside each `model.onnx`.

manifest.json: name, version (`<name>-<last data day>-<first 8 hex of the ONNX sha256>`), the ONNX
contract (input/output names, dtypes, shapes; opsets), features (names, order, dtype), label definition,
train/valid/test windows, metrics beside baselines, training settings, and the sha256 of model.onnx.

parity.json: a few inputs and the outputs Python onnxruntime gives for them, so another runtime can prove
it computes the same (tolerance 1e-5). Numbers are the shortest decimal text that round-trips the float32
value; a missing feature (NaN) is written as null and must be fed as NaN.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import numpy as np

from cryptosignal_ml.export.parity import TOLERANCE, run_onnx


def sha256_file(path: Path) -> str:
    """Returns the hex sha256 of the file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _f32(value: float) -> float | None:
    v = np.float32(value)
    return None if math.isnan(v) else float(str(v))


def to_json_numbers(a: np.ndarray) -> object:
    """Returns nested lists of float32-exact numbers (NaN -> None)."""
    if a.ndim == 0:
        return _f32(float(a))
    return [to_json_numbers(row) for row in a]


def clean_json(value: object) -> object:
    """Returns `value` with numpy scalars as Python numbers and NaN/inf as None (strict JSON)."""
    if isinstance(value, dict):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    if isinstance(value, np.ndarray):
        return clean_json(value.tolist())
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if not math.isfinite(float(value)) else float(value)
    return value


def write_parity(model_dir: Path, name: str, sha: str, inputs: np.ndarray, input_name: str) -> None:
    """Writes parity.json for `inputs` (cases, ...) using onnxruntime's outputs of model.onnx."""
    outputs = run_onnx(model_dir / "model.onnx", inputs)
    cases = [
        {
            "input": to_json_numbers(inputs[i]),
            "expected": {k: to_json_numbers(v[i]) for k, v in outputs.items()},
        }
        for i in range(inputs.shape[0])
    ]
    doc = {
        "model": name,
        "sha256": sha,
        "input_name": input_name,
        "input_shape_per_case": list(inputs.shape[1:]),
        "tolerance": TOLERANCE,
        "missing_value": "null in 'input' means NaN (feature unavailable)",
        "cases": cases,
    }
    (model_dir / "parity.json").write_text(json.dumps(doc, separators=(",", ":")) + "\n")


def write_model_dir(model_dir: Path, card: dict, parity_inputs: np.ndarray, input_name: str) -> dict:
    """Completes `card` with sha256 and version from model_dir/model.onnx, writes manifest.json and
    parity.json, and returns the completed card."""
    sha = sha256_file(model_dir / "model.onnx")
    day = str(card["data"]["to"])[:10].replace("-", "")
    full = (
        {"name": card["name"], "version": f"{card['name']}-{day}-{sha[:8]}"}
        | card
        | {
            "model_file": "model.onnx",
            "sha256": sha,
        }
    )
    full = clean_json(full)
    (model_dir / "manifest.json").write_text(json.dumps(full, indent=2, allow_nan=False) + "\n")
    write_parity(model_dir, card["name"], sha, parity_inputs, input_name)
    return full
