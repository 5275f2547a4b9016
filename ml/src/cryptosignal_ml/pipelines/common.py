"""Helpers shared by the pipelines: split membership of windows, strided sampling, batched prediction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np
import torch

from cryptosignal_ml.configs import HOUR_MS
from cryptosignal_ml.datasets import Holdout


def in_window(times_ms: np.ndarray, window: tuple[int, int]) -> np.ndarray:
    """Returns the mask of times in [start, end)."""
    return (times_ms >= window[0]) & (times_ms < window[1])


def on_stride(times_ms: np.ndarray, stride_h: int) -> np.ndarray:
    """Returns the mask of bars whose hour since the epoch is a multiple of stride_h (1 = every bar); the
    same hours for every symbol, so a strided sample stays aligned in time."""
    return (times_ms // HOUR_MS) % stride_h == 0


def iso(ms: int) -> str:
    """Returns the UTC ISO-8601 text of epoch ms."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def windows_iso(holdout: Holdout) -> dict[str, object]:
    """Returns the holdout's windows as ISO [start, end) pairs plus the embargo in hours."""
    out: dict[str, object] = {k: [iso(a), iso(b)] for k, (a, b) in holdout.windows_ms.items()}
    out["embargo_hours"] = holdout.embargo_ms // HOUR_MS
    return out


def predict_batches(
    fn: Callable[[torch.Tensor], tuple[torch.Tensor, ...] | torch.Tensor],
    make_input: Callable[[np.ndarray], torch.Tensor],
    n: int,
    batch_size: int = 512,
) -> list[np.ndarray]:
    """Runs fn over inputs 0..n-1 in batches under no_grad; returns each output concatenated as numpy."""
    outs: list[list[np.ndarray]] = []
    with torch.no_grad():
        for start in range(0, n, batch_size):
            res = fn(make_input(np.arange(start, min(n, start + batch_size))))
            res = res if isinstance(res, tuple) else (res,)
            if not outs:
                outs = [[] for _ in res]
            for store, r in zip(outs, res, strict=True):
                store.append(r.detach().cpu().numpy())
    return [np.concatenate(o) for o in outs]
