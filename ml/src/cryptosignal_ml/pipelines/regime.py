"""MarketRegimeDetector: windows of the market reference's rows -> regime H hours ahead (labels:
datasets/targets.py), scored on the test window beside the majority class and persistence (the rule
applied to the current bar, i.e. "the regime stays what it is now")."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import torch

from cryptosignal_ml.configs import DAY_MS, HOUR_MS, RegimeConfig, SplitConfig
from cryptosignal_ml.datasets import (
    FeatureMatrix,
    MatrixError,
    build_panel,
    gather_windows,
    holdout_split,
    window_ends,
)
from cryptosignal_ml.datasets.targets import REGIME_NAMES, RegimeRule, fit_regime_rule, regime_labels
from cryptosignal_ml.evaluation import multiclass_metrics
from cryptosignal_ml.features import LSTM_CANDIDATES, select_usable
from cryptosignal_ml.models import MarketRegimeDetector, RegimeGraph, fit_normaliser
from cryptosignal_ml.pipelines.common import in_window, on_stride, predict_batches, windows_iso
from cryptosignal_ml.training import FitResult, fit


@dataclass
class TrainedRegime:
    """The trained graph (raw features in, probabilities out), features, rule, test inputs and metrics."""

    graph: RegimeGraph
    features: list[str]
    seq_len: int
    rule: RegimeRule
    test_inputs: np.ndarray
    metrics: dict[str, object]
    windows: dict[str, object]
    fit: FitResult
    samples: dict[str, int]
    class_shares_train: list[float]


def train_regime_model(
    m: FeatureMatrix, cfg: RegimeConfig, split: SplitConfig, device: torch.device, seed: int = 0
) -> TrainedRegime:
    """Trains and evaluates the LSTM on the rows of cfg.market_symbol. Raises MatrixError when the symbol is
    absent and ValueError when a part of the split has no windows."""
    rows = np.flatnonzero(m.symbols == cfg.market_symbol)
    if rows.size == 0:
        raise MatrixError(f"market symbol {cfg.market_symbol} not in the matrix")
    times = m.open_time_ms[rows]
    panel = build_panel(m.symbols[rows], times)
    holdout = holdout_split(
        times,
        valid_span_ms=split.valid_days * DAY_MS,
        test_span_ms=split.test_days * DAY_MS,
        embargo_ms=split.embargo_h * HOUR_MS,
        label_horizon_ms=cfg.horizon_h * HOUR_MS,
        train_span_ms=None if split.train_days is None else split.train_days * DAY_MS,
    )
    block = m.features[rows]
    features = select_usable(
        m.feature_names, block[holdout.train_idx], LSTM_CANDIDATES, min_coverage=cfg.min_coverage
    )
    mr, rv = m.feature("market_regime")[rows], m.feature("realised_volatility")[rows]
    rule = fit_regime_rule(rv[holdout.train_idx], cfg.horizon_h, cfg.vol_quantile, cfg.trend_threshold)
    labels = regime_labels(panel, mr, rv, rule)
    current = rule.label_now(mr, rv)
    x_sorted = m.select(features)[rows][panel.order].astype(np.float32)
    ends = window_ends(panel, cfg.seq_len)
    end_rows = panel.order[ends]
    t = times[end_rows]
    ok = ~np.isnan(labels[end_rows])
    parts = {
        "train": ends[ok & in_window(t, holdout.windows_ms["train"]) & on_stride(t, cfg.train_stride_h)],
        "valid": ends[ok & in_window(t, holdout.windows_ms["valid"])],
        "test": ends[ok & in_window(t, holdout.windows_ms["test"])],
    }
    if any(v.size == 0 for v in parts.values()):
        raise ValueError(f"regime windows per part: { {k: v.size for k, v in parts.items()} }")
    y_sorted = labels[panel.order]
    torch.manual_seed(seed)
    model = MarketRegimeDetector(
        len(features), cfg.hidden_dim, cfg.num_layers, len(REGIME_NAMES), cfg.dropout
    )
    graph = RegimeGraph(fit_normaliser(m.select(features)[rows][holdout.train_idx]), model).to(device)
    ce = torch.nn.CrossEntropyLoss()

    def inputs(part: np.ndarray, idx: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(gather_windows(x_sorted, part[idx], cfg.seq_len)).to(device)

    def make_batch(idx: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
        target = torch.from_numpy(y_sorted[parts["train"][idx]].astype(np.int64)).to(device)
        return inputs(parts["train"], idx), target

    def loss_fn(g: torch.nn.Module, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
        return ce(g.model(g.normaliser(batch[0])), batch[1])

    def valid_loss(g: torch.nn.Module) -> float:
        (logits,) = predict_batches(
            lambda x: g.model(g.normaliser(x)), lambda i: inputs(parts["valid"], i), parts["valid"].size
        )
        target = torch.from_numpy(y_sorted[parts["valid"]].astype(np.int64))
        return float(ce(torch.from_numpy(logits), target))

    result = fit(graph, loss_fn, make_batch, parts["train"].size, valid_loss, cfg.fit, desc="regime-lstm")
    graph = graph.cpu().eval()
    (probs,) = predict_batches(
        graph,
        lambda i: torch.from_numpy(gather_windows(x_sorted, parts["test"][i], cfg.seq_len)),
        parts["test"].size,
    )
    y_test = y_sorted[parts["test"]].astype(np.int64)
    y_train = y_sorted[parts["train"]].astype(np.int64)
    shares = np.bincount(y_train, minlength=len(REGIME_NAMES)) / y_train.size
    now = current[panel.order][parts["test"]]
    now_ok = ~np.isnan(now)
    k = len(REGIME_NAMES)
    metrics = {
        "classes": list(REGIME_NAMES),
        "model": multiclass_metrics(y_test, probs.argmax(axis=1), k),
        "baselines": {
            "majority_class": multiclass_metrics(y_test, np.full(y_test.size, int(shares.argmax())), k),
            "persistence": multiclass_metrics(y_test[now_ok], now[now_ok].astype(np.int64), k),
        },
        "test_class_shares": (np.bincount(y_test, minlength=k) / y_test.size).tolist(),
        "rule": asdict(rule),
    }
    sample = np.linspace(0, parts["test"].size - 1, min(256, parts["test"].size)).astype(np.int64)
    return TrainedRegime(
        graph=graph,
        features=features,
        seq_len=cfg.seq_len,
        rule=rule,
        test_inputs=gather_windows(x_sorted, parts["test"][sample], cfg.seq_len),
        metrics=metrics,
        windows=windows_iso(holdout),
        fit=result,
        samples={k2: int(v.size) for k2, v in parts.items()},
        class_shares_train=shares.tolist(),
    )
