"""Walk-forward splits by time with an embargo between train and test.

A fold trains on rows whose label window ends before the test window starts: with a label horizon of H
hours, a training row at time t uses prices up to t + H, so rows with t > test_start - embargo are dropped
from training (López de Prado, *Advances in Financial Machine Learning*, 2018, ch. 7: purging and embargo).
The embargo must be at least the label horizon; a shorter one is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HOUR_MS = 3_600_000


@dataclass(frozen=True)
class Fold:
    """One walk-forward fold: row indices into the matrix and the UTC-ms time bounds they came from.

    train_idx: rows with open_time in [train_start_ms, test_start_ms - embargo_ms).
    test_idx: rows with open_time in [test_start_ms, test_end_ms).
    """

    train_idx: np.ndarray
    test_idx: np.ndarray
    train_start_ms: int
    test_start_ms: int
    test_end_ms: int
    embargo_ms: int


def walk_forward_folds(
    open_time_ms: np.ndarray,
    *,
    n_folds: int,
    test_span_ms: int,
    embargo_ms: int,
    label_horizon_ms: int,
    train_span_ms: int | None = None,
) -> list[Fold]:
    """Returns `n_folds` consecutive walk-forward folds ending at the last timestamp.

    open_time_ms: shape (n,), int64 UTC ms of each row (any order; several symbols may share a time).
    test_span_ms: length of each test window; the folds' test windows tile the end of the history.
    embargo_ms: gap between the end of training and the start of test; must be >= label_horizon_ms.
    train_span_ms: rolling training window length, or None for an expanding window from the first row.
    Raises ValueError when the embargo is shorter than the label horizon, or a fold would have no
    training or no test rows.
    """
    if embargo_ms < label_horizon_ms:
        raise ValueError(f"embargo_ms={embargo_ms} is shorter than the label horizon {label_horizon_ms} ms")
    if n_folds < 1 or test_span_ms <= 0:
        raise ValueError("n_folds must be >= 1 and test_span_ms > 0")
    times = np.asarray(open_time_ms, dtype=np.int64)
    first, end = int(times.min()), int(times.max()) + 1
    folds: list[Fold] = []
    for k in range(n_folds, 0, -1):
        test_start = end - k * test_span_ms
        test_end = test_start + test_span_ms
        train_start = first if train_span_ms is None else max(first, test_start - embargo_ms - train_span_ms)
        train_idx = np.flatnonzero((times >= train_start) & (times < test_start - embargo_ms))
        test_idx = np.flatnonzero((times >= test_start) & (times < test_end))
        if train_idx.size == 0 or test_idx.size == 0:
            raise ValueError(
                f"fold starting at {test_start} has {train_idx.size} train and {test_idx.size} test rows;"
                " use fewer folds or shorter spans"
            )
        folds.append(Fold(train_idx, test_idx, train_start, test_start, test_end, embargo_ms))
    return folds


@dataclass(frozen=True)
class Holdout:
    """Train / validation / test windows by time, each [start, end) in UTC ms, with `embargo_ms` left out
    before validation and before test. The *_idx arrays are matrix rows whose open_time falls in each."""

    train_idx: np.ndarray
    valid_idx: np.ndarray
    test_idx: np.ndarray
    windows_ms: dict[str, tuple[int, int]]
    embargo_ms: int


def holdout_split(
    open_time_ms: np.ndarray,
    *,
    valid_span_ms: int,
    test_span_ms: int,
    embargo_ms: int,
    label_horizon_ms: int,
    train_span_ms: int | None = None,
) -> Holdout:
    """Returns the last `test_span_ms` as test, the `valid_span_ms` before it (less the embargo) as
    validation, and everything earlier (less the embargo; the last `train_span_ms` of it when given) as
    training. Raises ValueError when the embargo is shorter than the label horizon or a part is empty."""
    if embargo_ms < label_horizon_ms:
        raise ValueError(f"embargo_ms={embargo_ms} is shorter than the label horizon {label_horizon_ms} ms")
    times = np.asarray(open_time_ms, dtype=np.int64)
    first, end = int(times.min()), int(times.max()) + 1
    test_start = end - test_span_ms
    valid_start = test_start - embargo_ms - valid_span_ms
    train_end = valid_start - embargo_ms
    train_start = first if train_span_ms is None else max(first, train_end - train_span_ms)
    windows = {
        "train": (train_start, train_end),
        "valid": (valid_start, test_start - embargo_ms),
        "test": (test_start, end),
    }
    parts = {k: np.flatnonzero((times >= a) & (times < b)) for k, (a, b) in windows.items()}
    empty = [k for k, v in parts.items() if v.size == 0]
    if empty:
        raise ValueError(f"holdout split leaves {empty} empty; shorten the spans")
    return Holdout(parts["train"], parts["valid"], parts["test"], windows, embargo_ms)
