"""PriceTransformer: windows of the matrix -> 1-4h cumulative log-return distribution, evaluated on the test
window beside the naive baselines (evaluation/regression.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from cryptosignal_ml.configs import DAY_MS, HOUR_MS, PriceConfig, SplitConfig
from cryptosignal_ml.datasets import FeatureMatrix, build_panel, gather_windows, holdout_split, window_ends
from cryptosignal_ml.datasets.targets import check_against_label, forward_log_returns
from cryptosignal_ml.evaluation import price_baselines, price_metrics
from cryptosignal_ml.features import TRANSFORMER_CANDIDATES, select_usable
from cryptosignal_ml.models import PriceGraph, PriceTransformer, fit_normaliser
from cryptosignal_ml.pipelines.common import in_window, on_stride, predict_batches, windows_iso
from cryptosignal_ml.training import FitConfig, FitResult, fit

HORIZONS = 4
LABEL = (
    "y_k = ln(close[t+k]/close[t]) for k = 1..4 hours, the sum of the next k rows' log_return of the same"
    " symbol (consecutive hours only); the model outputs mean and std of a Gaussian for each k"
)


@dataclass
class TrainedPrice:
    """The trained graph (raw features in, mean/std out), its feature names, the test windows it was scored
    on (inputs for export checks), metrics beside baselines, and the training record."""

    graph: PriceGraph
    features: list[str]
    seq_len: int
    test_inputs: np.ndarray
    metrics: dict[str, object]
    windows: dict[str, object]
    fit: FitResult
    samples: dict[str, int]


def _gaussian_nll_z(mean_z: torch.Tensor, log_std_z: torch.Tensor, y_z: torch.Tensor) -> torch.Tensor:
    return (
        0.5 * math.log(2 * math.pi) + log_std_z + 0.5 * (y_z - mean_z) ** 2 * torch.exp(-2 * log_std_z)
    ).mean()


def train_price_model(
    m: FeatureMatrix, cfg: PriceConfig, split: SplitConfig, device: torch.device, seed: int = 0
) -> TrainedPrice:
    """Trains and evaluates the PriceTransformer on `m`. Raises ValueError when the matrix leaves no training,
    validation or test windows, and MatrixError when `log_return` is absent."""
    panel = build_panel(m.symbols, m.open_time_ms)
    y = forward_log_returns(panel, m.feature("log_return"), HORIZONS)
    if "label_return_1h" in m.label_names and check_against_label(y[:, 0], m.label("label_return_1h"), 1e-6):
        raise ValueError(
            "log_return of the next row disagrees with label_return_1h: the matrix is inconsistent"
        )
    holdout = holdout_split(
        m.open_time_ms,
        valid_span_ms=split.valid_days * DAY_MS,
        test_span_ms=split.test_days * DAY_MS,
        embargo_ms=split.embargo_h * HOUR_MS,
        label_horizon_ms=HORIZONS * HOUR_MS,
        train_span_ms=None if split.train_days is None else split.train_days * DAY_MS,
    )
    features = select_usable(
        m.feature_names,
        m.features[holdout.train_idx],
        TRANSFORMER_CANDIDATES,
        min_coverage=cfg.min_coverage,
        max_features=cfg.max_features,
    )
    x_sorted = m.select(features)[panel.order].astype(np.float32)
    ends = window_ends(panel, cfg.seq_len)
    rows = panel.order[ends]
    t = m.open_time_ms[rows]
    has_y = ~np.isnan(y[rows]).any(axis=1)
    parts = {
        name: ends[has_y & in_window(t, holdout.windows_ms[name]) & on_stride(t, stride)]
        for name, stride in (
            ("train", cfg.train_stride_h),
            ("valid", cfg.valid_stride_h),
            ("test", cfg.test_stride_h),
        )
    }
    empty = [k for k, v in parts.items() if v.size == 0]
    if empty:
        raise ValueError(f"no {empty} windows of {cfg.seq_len} bars with targets")
    y_sorted = y[panel.order].astype(np.float32)
    normaliser = fit_normaliser(m.select(features)[holdout.train_idx])
    scale = np.nanstd(y[holdout.train_idx], axis=0).astype(np.float32)
    scale_t = torch.from_numpy(scale).to(device)
    torch.manual_seed(seed)
    model = PriceTransformer(
        len(features), cfg.d_model, cfg.nhead, cfg.num_layers, cfg.dropout, HORIZONS, cfg.seq_len
    )
    graph = PriceGraph(normaliser, model, torch.from_numpy(scale)).to(device)

    def inputs(part: np.ndarray, idx: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(gather_windows(x_sorted, part[idx], cfg.seq_len)).to(device)

    def make_batch(idx: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        return inputs(parts["train"], idx), torch.from_numpy(y_sorted[parts["train"][idx]]).to(
            device
        ) / scale_t

    def loss_fn(g: torch.nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
        mean_z, log_std_z = g.model(g.normaliser(batch[0]))
        return _gaussian_nll_z(mean_z, log_std_z, batch[1])

    def valid_loss(g: torch.nn.Module) -> float:
        mean_z, log_std_z = (
            torch.from_numpy(a).to(device)
            for a in predict_batches(
                lambda x: g.model(g.normaliser(x)), lambda i: inputs(parts["valid"], i), parts["valid"].size
            )
        )
        y_z = torch.from_numpy(y_sorted[parts["valid"]]).to(device) / scale_t
        return float(_gaussian_nll_z(mean_z, log_std_z, y_z))

    fit_cfg: FitConfig = cfg.fit
    result = fit(
        graph, loss_fn, make_batch, parts["train"].size, valid_loss, fit_cfg, desc="price-transformer"
    )
    graph = graph.cpu().eval()
    device_cpu = torch.device("cpu")

    def test_inputs(i: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(gather_windows(x_sorted, parts["test"][i], cfg.seq_len)).to(device_cpu)

    mean, std = predict_batches(graph, test_inputs, parts["test"].size)
    test_rows = panel.order[parts["test"]]
    y_test = y[test_rows]
    train_y4 = y[holdout.train_idx, 3]
    up_share = float(np.mean(train_y4[~np.isnan(train_y4)] > 0))
    metrics = {
        "model": price_metrics(y_test, mean.astype(np.float64), std.astype(np.float64)),
        "baselines": price_baselines(
            y_test, m.feature("log_return")[test_rows], m.feature("realised_volatility")[test_rows], up_share
        ),
    }
    sample = np.linspace(0, parts["test"].size - 1, min(256, parts["test"].size)).astype(np.int64)
    return TrainedPrice(
        graph=graph,
        features=features,
        seq_len=cfg.seq_len,
        test_inputs=gather_windows(x_sorted, parts["test"][sample], cfg.seq_len),
        metrics=metrics,
        windows=windows_iso(holdout),
        fit=result,
        samples={k: int(v.size) for k, v in parts.items()},
    )
