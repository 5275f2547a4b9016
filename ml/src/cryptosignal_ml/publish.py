"""Writes each trained model as models/<name>/{model.onnx, manifest.json, parity.json}, and follows and
updates the registry's versioned layout.

Model directory names (the registry keys the inference service loads): `price-transformer`,
`factor-weights` (XGBoost), `regime-lstm`. Every export is checked: Python onnxruntime must match the native
model (torch / XGBoost) within 1e-5 on held-out test inputs, including copies with features set to NaN.

Registry layout (models/README.md; the TypeScript side is services/inference/src/adapters/registry-layout.ts):
a model folder is either flat (the files in `<root>/<name>/`, as `make train` writes them) or versioned
(`<root>/<name>/versions/<version>/` per version and the file `CURRENT` naming the one in service). A new
version is written to a staging folder, renamed to its version folder, and only then is `CURRENT` replaced by
an atomic rename, so inference never reads half a model. `CURRENT` wins over flat files beside it.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import asdict
from pathlib import Path

import numpy as np
import onnxruntime
import sklearn
import torch
import xgboost

from cryptosignal_ml.configs import Profile
from cryptosignal_ml.datasets.targets import REGIME_NAMES
from cryptosignal_ml.export import OPSET, export_torch, export_xgboost, write_model_dir
from cryptosignal_ml.export.onnx_xgb import ML_OPSET
from cryptosignal_ml.pipelines import TrainedFactor, TrainedPrice, TrainedRegime
from cryptosignal_ml.pipelines.price import LABEL as PRICE_LABEL

PRICE, FACTOR, REGIME = "price-transformer", "factor-weights", "regime-lstm"
CURRENT_FILE, VERSIONS_DIR = "CURRENT", "versions"
_VERSION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class RegistryError(ValueError):
    """A registry folder whose `CURRENT` does not name a version folder, or a version name that is not one."""


def current_model_dir(models: Path, name: str) -> Path:
    """Returns the folder of model `name`'s version in service: `versions/<CURRENT>/` when `CURRENT` exists,
    else the flat folder `models/name`. Raises RegistryError when `CURRENT` is malformed."""
    pointer = models / name / CURRENT_FILE
    if not pointer.exists():
        return models / name
    version = pointer.read_text().strip()
    if not _VERSION_NAME.match(version):
        raise RegistryError(f"{pointer} does not name a version folder")
    return models / name / VERSIONS_DIR / version


def staging_dir(models: Path, name: str) -> Path:
    """Creates and returns an empty staging folder for a new version of `name` (beside the version folders,
    on the same file system, so the promotion is a rename)."""
    d = models / name / VERSIONS_DIR / f".staging-{secrets.token_hex(6)}"
    d.mkdir(parents=True)
    return d


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def promote_version(models: Path, name: str, staged: Path, version: str) -> Path:
    """Makes the complete folder `staged` version `version` of `name` and points `CURRENT` at it; returns the
    version folder. A version folder that already exists (same name = same model bytes) is kept and `staged`
    removed. Raises RegistryError for a version that is not a folder name; OSError when writing fails."""
    if not _VERSION_NAME.match(version):
        raise RegistryError(f"{version} is not a version folder name")
    final = models / name / VERSIONS_DIR / version
    if final.exists():
        shutil.rmtree(staged)
    else:
        for f in staged.iterdir():
            _fsync(f)
        staged.rename(final)
    pointer = models / name / CURRENT_FILE
    tmp = models / name / f".{CURRENT_FILE}.{secrets.token_hex(6)}"
    tmp.write_text(version + "\n")
    _fsync(tmp)
    os.replace(tmp, pointer)
    _fsync(models / name)
    return final


def with_missing(windows: np.ndarray, n_features_missing: int = 2) -> np.ndarray:
    """Returns a copy of the first window(s) with the last row's first `n_features_missing` features NaN,
    so exports and fixtures exercise the in-graph NaN handling."""
    out = windows[:1].copy()
    out[..., -1, :n_features_missing] = np.nan
    return out


def _features(names: list[str]) -> list[dict[str, str]]:
    return [{"name": n, "dtype": "float32"} for n in names]


def _versions() -> dict[str, str]:
    return {
        "torch": torch.__version__,
        "xgboost": xgboost.__version__,
        "onnxruntime": onnxruntime.__version__,
        "scikit-learn": sklearn.__version__,
        "onnx_opset": str(OPSET),
        "onnx_ml_opset": str(ML_OPSET),
    }


def publish_price(r: TrainedPrice, out: Path, data: dict, profile: Profile) -> dict:
    """Exports the PriceTransformer and writes its card and fixtures; returns the card."""
    d = out / PRICE
    d.mkdir(parents=True, exist_ok=True)
    check = np.concatenate([r.test_inputs, with_missing(r.test_inputs)])
    max_diff = export_torch(r.graph, check, d / "model.onnx", "x", ["mean", "std"])
    n_f = len(r.features)
    norm = r.graph.normaliser
    card = {
        "name": PRICE,
        "kind": "PriceTransformer",
        "data": data,
        "inputs": [{"name": "x", "dtype": "float32", "shape": ["batch", r.seq_len, n_f]}],
        "outputs": [
            {
                "name": "mean",
                "dtype": "float32",
                "shape": ["batch", 4],
                "unit": "log return, horizons 1h..4h",
            },
            {"name": "std", "dtype": "float32", "shape": ["batch", 4], "unit": "log return, horizons 1h..4h"},
        ],
        "input_rows": "the symbol's last seq_len hourly snapshots, oldest first, consecutive hours",
        "features": _features(r.features),
        "normalisation": {
            "in_graph": True,
            "mean": norm.mean.tolist(),
            "std": norm.std.tolist(),
            "clip_sigma": norm.clip,
            "nan": "a NaN feature becomes 0 after standardisation (the training mean)",
        },
        "target_scale": r.graph.target_scale.tolist(),
        "label": PRICE_LABEL,
        "windows": r.windows,
        "samples": r.samples,
        "metrics": r.metrics,
        "training": {
            "profile": profile.name,
            "config": asdict(profile.price),
            "best_epoch": r.fit.best_epoch,
            "history": r.fit.history,
            "seconds": r.fit.seconds,
        },
        "export_parity_max_abs_diff": max_diff,
        "versions": _versions(),
    }
    return write_model_dir(d, card, np.concatenate([r.test_inputs[:2], with_missing(r.test_inputs)]), "x")


def publish_factor(
    r: TrainedFactor, out: Path, data: dict, profile: Profile, model_dir: Path | None = None
) -> dict:
    """Exports the XGBoost model and writes its card (with factor weights) and fixtures into `model_dir`
    (default `out/factor-weights`); returns the card."""
    d = model_dir or out / FACTOR
    d.mkdir(parents=True, exist_ok=True)
    nan_rows = r.test_inputs[:4].copy()
    nan_rows[:, :3] = np.nan
    check = np.concatenate([r.test_inputs, nan_rows])
    max_diff = export_xgboost(r.model, check, d / "model.onnx")
    card = {
        "name": FACTOR,
        "kind": "FactorWeightOptimizer (XGBoost binary:logistic)",
        "data": data,
        "inputs": [{"name": "x", "dtype": "float32", "shape": ["batch", len(r.features)]}],
        "outputs": [{"name": "probability", "dtype": "float32", "shape": ["batch"], "unit": "P(label = 1)"}],
        "input_rows": "one snapshot per row, raw factor values",
        "features": _features(r.features),
        "normalisation": {
            "in_graph": False,
            "nan": "NaN = unavailable; each split sends it to its learned default branch",
        },
        "label": r.label,
        "windows": r.windows,
        "metrics": r.metrics,
        "factor_weights": r.factor_weights,
        "factor_weights_source": "XGBoost gain importance of T, M, C, V, O, B, F_v2, normalised to sum 1",
        "feature_importance": r.importance,
        "training": {
            "profile": profile.name,
            "config": asdict(profile.factor),
            "sample_weights": "exp(-1 + (t - t_first)/(t_last - t_first)) over the training rows",
        },
        "export_parity_max_abs_diff": max_diff,
        "versions": _versions(),
    }
    return write_model_dir(d, card, np.concatenate([r.test_inputs[:4], nan_rows[:2]]), "x")


def publish_regime(r: TrainedRegime, out: Path, data: dict, profile: Profile) -> dict:
    """Exports the regime LSTM and writes its card and fixtures; returns the card."""
    d = out / REGIME
    d.mkdir(parents=True, exist_ok=True)
    check = np.concatenate([r.test_inputs, with_missing(r.test_inputs)])
    max_diff = export_torch(r.graph, check, d / "model.onnx", "x", ["probabilities"])
    norm = r.graph.normaliser
    card = {
        "name": REGIME,
        "kind": "MarketRegimeDetector (LSTM)",
        "data": data,
        "inputs": [{"name": "x", "dtype": "float32", "shape": ["batch", r.seq_len, len(r.features)]}],
        "outputs": [
            {
                "name": "probabilities",
                "dtype": "float32",
                "shape": ["batch", 4],
                "classes": list(REGIME_NAMES),
            }
        ],
        "input_rows": (
            f"the market reference's ({profile.regime.market_symbol}) last seq_len hourly snapshots,"
            " oldest first"
        ),
        "features": _features(r.features),
        "normalisation": {
            "in_graph": True,
            "mean": norm.mean.tolist(),
            "std": norm.std.tolist(),
            "clip_sigma": norm.clip,
            "nan": "a NaN feature becomes 0 after standardisation (the training mean)",
        },
        "label": (
            f"regime of the market reference {r.rule.horizon_h}h after the window's last bar: 3 high_vol if "
            f"realised_volatility >= {r.rule.vol_threshold:.6g} (the {profile.regime.vol_quantile} "
            f"quantile on the training rows), else 1 bull if market_regime >= {r.rule.trend_threshold}, "
            f"2 bear if <= -{r.rule.trend_threshold}, else 0 range"
        ),
        "classes": list(REGIME_NAMES),
        "strategy_config": "regime-adaptive.json",
        "windows": r.windows,
        "samples": r.samples,
        "class_shares_train": r.class_shares_train,
        "metrics": r.metrics,
        "training": {
            "profile": profile.name,
            "config": asdict(profile.regime),
            "best_epoch": r.fit.best_epoch,
            "history": r.fit.history,
            "seconds": r.fit.seconds,
        },
        "export_parity_max_abs_diff": max_diff,
        "versions": _versions(),
    }
    return write_model_dir(d, card, np.concatenate([r.test_inputs[:2], with_missing(r.test_inputs)]), "x")
