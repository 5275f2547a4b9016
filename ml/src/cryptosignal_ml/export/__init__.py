"""ONNX export of the three models, parity checks against the native model, model cards and fixtures."""

from cryptosignal_ml.export.manifest import sha256_file, write_model_dir
from cryptosignal_ml.export.onnx_torch import OPSET, export_torch
from cryptosignal_ml.export.onnx_xgb import export_xgboost, xgboost_to_onnx
from cryptosignal_ml.export.parity import ParityError, check_parity, run_onnx

__all__ = [
    "OPSET",
    "ParityError",
    "check_parity",
    "export_torch",
    "export_xgboost",
    "run_onnx",
    "sha256_file",
    "write_model_dir",
    "xgboost_to_onnx",
]
