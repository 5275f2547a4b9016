"""Exports a torch graph (normaliser + network) to ONNX opset 17 with a dynamic batch axis.

Opset 17 is within what onnxruntime 1.18+ (and onnxruntime-node 1.30) execute. The TorchScript-based
exporter (dynamo=False) is used: it is deterministic and takes about a second for these graphs.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import torch

from cryptosignal_ml.export.parity import check_parity, run_onnx

OPSET = 17


def export_torch(
    graph: torch.nn.Module, example: np.ndarray, path: Path, input_name: str, output_names: list[str]
) -> float:
    """Writes `graph` to `path` and checks onnxruntime against torch on `example` (b, ...) float32.
    Returns the largest absolute difference; raises ParityError beyond 1e-5."""
    graph = graph.cpu().eval()
    x = torch.from_numpy(example.astype(np.float32))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            graph,
            (x[:2],),
            str(path),
            input_names=[input_name],
            output_names=output_names,
            opset_version=OPSET,
            dynamic_axes={input_name: {0: "batch"}} | {n: {0: "batch"} for n in output_names},
            dynamo=False,
        )
    with torch.no_grad():
        out = graph(x)
    out = out if isinstance(out, tuple) else (out,)
    native = {n: o.numpy() for n, o in zip(output_names, out, strict=True)}
    return check_parity(run_onnx(path, example), native)
