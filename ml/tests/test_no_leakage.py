"""Changing anything at or after the test window's start must not change what the models learned."""

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import torch
from conftest import synthetic_table, write_arrow

from cryptosignal_ml.configs import TINY
from cryptosignal_ml.datasets import read_feature_matrix
from cryptosignal_ml.pipelines import train_factor_model, train_price_model
from cryptosignal_ml.training import seed_everything

H = 3_600_000


def _scramble_future(table: pa.Table, from_ms: int) -> pa.Table:
    future = pc.greater_equal(table.column("open_time"), from_ms).to_numpy(zero_copy_only=False)
    rng = np.random.default_rng(7)
    cols = {}
    for name in table.column_names:
        col = table.column(name)
        if name in ("symbol", "open_time"):
            cols[name] = col
            continue
        values = col.to_numpy(zero_copy_only=False).astype(np.float64)
        change = future & ~np.isnan(values)  # keep which values exist: only what they are changes
        values[change] = rng.normal(0, 5, change.sum())
        if name.startswith("label_max_gain"):
            values[change] = np.abs(values[change])
        cols[name] = values
    # keep the matrix self-consistent: label_return_1h[t] = exp(log_return[t + 1]) - 1 within each symbol
    symbols = table.column("symbol").to_numpy(zero_copy_only=False)
    for sym in np.unique(symbols):
        rows = np.flatnonzero(symbols == sym)
        label = cols["label_return_1h"]
        nxt = np.expm1(cols["log_return"][rows[1:]])
        label[rows[:-1]] = np.where(np.isnan(label[rows[:-1]]), np.nan, nxt)
    return pa.table(
        {k: v if k in ("symbol", "open_time") else pa.array(v, pa.float64()) for k, v in cols.items()}
    )


def _pair(tmp_path: Path) -> tuple:
    table = synthetic_table()
    end = int(pc.max(table.column("open_time")).as_py()) + H
    test_start = end - TINY.split.test_days * 24 * H
    a = read_feature_matrix(write_arrow(tmp_path / "a.arrow", table))
    b = read_feature_matrix(write_arrow(tmp_path / "b.arrow", _scramble_future(table, test_start)))
    return a, b


def test_factor_model_ignores_the_test_window(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    fa = train_factor_model(a, TINY.factor, TINY.split)
    fb = train_factor_model(b, TINY.factor, TINY.split)
    assert fa.model.get_booster().save_raw("json") == fb.model.get_booster().save_raw("json")
    assert fa.metrics["model"] != fb.metrics["model"]  # the test rows did change


def test_price_model_ignores_the_test_window(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    seed_everything(0)
    pa_ = train_price_model(a, TINY.price, TINY.split, torch.device("cpu"))
    seed_everything(0)
    pb = train_price_model(b, TINY.price, TINY.split, torch.device("cpu"))
    assert pa_.fit.history == pb.fit.history
    for (name, wa), (_, wb) in zip(
        pa_.graph.state_dict().items(), pb.graph.state_dict().items(), strict=True
    ):
        assert torch.equal(wa, wb), name
