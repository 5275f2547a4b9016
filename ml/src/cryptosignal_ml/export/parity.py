"""Runs an exported model with Python onnxruntime and compares it with the native model's outputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime as ort

TOLERANCE = 1e-5


class ParityError(AssertionError):
    """Raised when onnxruntime's outputs differ from the native model's by more than the tolerance."""


def run_onnx(path: str | Path, x: np.ndarray) -> dict[str, np.ndarray]:
    """Returns every output of the model at `path` for input `x` (float32), by output name, run single
    threaded on the CPU provider."""
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    return dict(zip(names, sess.run(names, {sess.get_inputs()[0].name: x.astype(np.float32)}), strict=True))


def check_parity(
    onnx_out: dict[str, np.ndarray], native: dict[str, np.ndarray], tol: float = TOLERANCE
) -> float:
    """Returns the largest absolute difference over all outputs; raises ParityError when it exceeds `tol`
    or an output is missing or misshapen."""
    worst = 0.0
    for name, want in native.items():
        got = onnx_out.get(name)
        if got is None or got.shape != want.shape:
            raise ParityError(f"output {name}: shape {None if got is None else got.shape} != {want.shape}")
        diff = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64)))) if want.size else 0.0
        worst = max(worst, diff)
    if worst > tol:
        raise ParityError(f"onnxruntime differs from the native model by {worst:.3g} > {tol}")
    return worst
