import numpy as np
import pytest

from cryptosignal_ml.datasets import walk_forward_folds

H = 3_600_000


def hourly(n_hours: int, symbols: int = 2) -> np.ndarray:
    return np.repeat(np.arange(n_hours, dtype=np.int64) * H, symbols)


def test_no_training_row_sees_the_test_window() -> None:
    times = hourly(2_000)
    horizon = 4 * H
    folds = walk_forward_folds(
        times, n_folds=4, test_span_ms=200 * H, embargo_ms=horizon, label_horizon_ms=horizon
    )
    assert len(folds) == 4
    for fold in folds:
        train_t, test_t = times[fold.train_idx], times[fold.test_idx]
        # a training label window [t, t + horizon] must end strictly before the first test bar
        assert (train_t + horizon < test_t.min()).all()
        assert np.intersect1d(fold.train_idx, fold.test_idx).size == 0
    starts = [f.test_start_ms for f in folds]
    assert starts == sorted(starts)
    assert folds[-1].test_end_ms == times.max() + 1


def test_rolling_train_window_has_requested_span() -> None:
    times = hourly(1_000, symbols=1)
    (fold,) = walk_forward_folds(
        times,
        n_folds=1,
        test_span_ms=100 * H,
        embargo_ms=4 * H,
        label_horizon_ms=4 * H,
        train_span_ms=300 * H,
    )
    assert fold.train_idx.size == 300
    assert fold.test_idx.size == 100


def test_refuses_an_embargo_shorter_than_the_label_horizon() -> None:
    with pytest.raises(ValueError, match="shorter than the label horizon"):
        walk_forward_folds(hourly(100), n_folds=1, test_span_ms=10 * H, embargo_ms=H, label_horizon_ms=4 * H)


def test_refuses_folds_without_training_rows() -> None:
    with pytest.raises(ValueError, match="train"):
        walk_forward_folds(
            hourly(100), n_folds=10, test_span_ms=10 * H, embargo_ms=4 * H, label_horizon_ms=4 * H
        )


def test_holdout_parts_are_ordered_and_separated_by_the_embargo() -> None:
    from cryptosignal_ml.datasets import holdout_split

    times = hourly(3_000)
    horizon = 24 * H
    h = holdout_split(
        times, valid_span_ms=300 * H, test_span_ms=500 * H, embargo_ms=horizon, label_horizon_ms=horizon
    )
    tr, va, te = times[h.train_idx], times[h.valid_idx], times[h.test_idx]
    assert (tr + horizon < va.min()).all()
    assert (va + horizon < te.min()).all()
    assert te.max() == times.max()
    assert (
        len(set(h.train_idx) | set(h.valid_idx) | set(h.test_idx))
        == h.train_idx.size + h.valid_idx.size + h.test_idx.size
    )


def test_holdout_refuses_an_embargo_shorter_than_the_label_horizon() -> None:
    from cryptosignal_ml.datasets import holdout_split

    with pytest.raises(ValueError, match="shorter than the label horizon"):
        holdout_split(
            hourly(500), valid_span_ms=50 * H, test_span_ms=50 * H, embargo_ms=H, label_horizon_ms=4 * H
        )
