from pathlib import Path

import numpy as np
import pytest
import torch
import xgboost as xgb

from cryptosignal_ml.export import ParityError, check_parity, export_torch, export_xgboost, run_onnx
from cryptosignal_ml.models import (
    MarketRegimeDetector,
    PriceGraph,
    PriceTransformer,
    RegimeGraph,
    fit_normaliser,
)


def test_normaliser_standardises_clips_and_maps_nan_to_the_mean() -> None:
    block = np.array([[1.0, 10.0], [3.0, np.nan], [5.0, 30.0]])
    norm = fit_normaliser(block, clip=2.0)
    out = norm(torch.tensor([[3.0, np.nan], [100.0, 20.0]], dtype=torch.float32))
    assert out[0].tolist() == [0.0, 0.0]
    assert out[1, 0].item() == 2.0  # clipped
    assert out[1, 1].item() == pytest.approx(0.0)


def test_price_graph_exports_with_parity_including_nan(tmp_path: Path) -> None:
    torch.manual_seed(0)
    x = np.random.default_rng(0).normal(size=(6, 12, 5)).astype(np.float32)
    x[0, -1, :2] = np.nan
    graph = PriceGraph(
        fit_normaliser(x.reshape(-1, 5)), PriceTransformer(5, 8, 2, 1, 0.0, 4, 12), torch.ones(4) * 0.01
    )
    diff = export_torch(graph, x, tmp_path / "p.onnx", "x", ["mean", "std"])
    assert diff <= 1e-5
    out = run_onnx(tmp_path / "p.onnx", x)
    assert out["mean"].shape == (6, 4) and (out["std"] > 0).all() and np.isfinite(out["mean"]).all()


def test_regime_graph_outputs_probabilities(tmp_path: Path) -> None:
    torch.manual_seed(0)
    x = np.random.default_rng(1).normal(size=(5, 10, 4)).astype(np.float32)
    graph = RegimeGraph(fit_normaliser(x.reshape(-1, 4)), MarketRegimeDetector(4, 8, 2, 4, 0.0))
    export_torch(graph, x, tmp_path / "r.onnx", "x", ["probabilities"])
    probs = run_onnx(tmp_path / "r.onnx", x)["probabilities"]
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-6)


def test_xgboost_onnx_matches_predict_proba_with_missing_values(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2_000, 4)).astype(np.float32)
    x[rng.random(x.shape) < 0.2] = np.nan
    x[:, 3] = np.nan  # a factor with no data at all
    y = ((np.nan_to_num(x[:, 0]) + 0.5 * np.nan_to_num(x[:, 1]) + rng.normal(0, 0.5, 2_000)) > 0).astype(int)
    clf = xgb.XGBClassifier(n_estimators=30, max_depth=3, n_jobs=1, random_state=0, base_score=0.3)
    clf.fit(x, y)
    diff = export_xgboost(clf, x[:500], tmp_path / "x.onnx")
    assert diff <= 1e-5
    assert run_onnx(tmp_path / "x.onnx", x[:3])["probability"].shape == (3,)


def test_parity_check_fails_loudly() -> None:
    with pytest.raises(ParityError):
        check_parity({"y": np.array([1.0])}, {"y": np.array([1.1])})
    with pytest.raises(ParityError):
        check_parity({"y": np.array([1.0, 2.0])}, {"y": np.array([1.0])})


def test_cuda_is_refused_without_a_gpu_and_auto_falls_back() -> None:
    from cryptosignal_ml.training import resolve_device

    assert resolve_device("cpu").type == "cpu"
    if torch.cuda.is_available():
        assert resolve_device("auto").type == "cuda"
    else:
        assert resolve_device("auto").type == "cpu"
        with pytest.raises(ValueError, match="no CUDA device"):
            resolve_device("cuda")
