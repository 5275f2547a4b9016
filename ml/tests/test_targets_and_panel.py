import numpy as np

from cryptosignal_ml.datasets import (
    build_panel,
    build_windows,
    gather_windows,
    read_feature_matrix,
    window_ends,
)
from cryptosignal_ml.datasets.targets import (
    check_against_label,
    fit_regime_rule,
    forward_log_returns,
    regime_labels,
)

H = 3_600_000


def test_forward_returns_sum_the_next_rows_of_the_same_symbol_and_stop_at_gaps() -> None:
    # two symbols interleaved, hour 3 of A missing
    symbols = np.array(["A", "B"] * 6 + ["A"], dtype=object)
    times = np.array([0, 0, 1, 1, 2, 2, 4, 3, 5, 4, 6, 5, 7], dtype=np.int64) * H
    lr = np.arange(13, dtype=np.float64) / 100
    y = forward_log_returns(build_panel(symbols, times), lr, horizons=2)
    a0 = 0  # A at hour 0: next rows are A@1 (row 2) and A@2 (row 4)
    np.testing.assert_allclose(y[a0], [lr[2], lr[2] + lr[4]])
    a2 = 4  # A at hour 2: hour 3 missing -> no target
    assert np.isnan(y[a2]).all()
    a4 = 6  # A at hour 4: A@5 (row 8), A@6 (row 10)
    np.testing.assert_allclose(y[a4], [lr[8], lr[8] + lr[10]])
    a7 = 12  # the last bar has no future
    assert np.isnan(y[a7]).all()


def test_synthetic_export_logreturn_agrees_with_its_1h_label(matrix_path) -> None:
    m = read_feature_matrix(matrix_path)
    y = forward_log_returns(build_panel(m.symbols, m.open_time_ms), m.feature("log_return"))
    assert check_against_label(y[:, 0], m.label("label_return_1h")) == 0
    assert np.isfinite(y).all(axis=1).sum() > 0.9 * len(y)


def test_regime_label_is_the_rule_at_bar_t_plus_h() -> None:
    times = np.arange(10, dtype=np.int64) * H
    symbols = np.array(["BTCUSDT"] * 10, dtype=object)
    regime = np.array([0, 50, -50, 0, 80, 0, 0, -40, 10, 0], dtype=np.float64)
    vol = np.array([1, 1, 1, 1, 1, 9, 1, 1, 1, 1], dtype=np.float64)
    rule = fit_regime_rule(vol, horizon_h=2, vol_quantile=0.9)
    labels = regime_labels(build_panel(symbols, times), regime, vol, rule)
    now = rule.label_now(regime, vol)
    assert now.tolist() == [0, 1, 2, 0, 1, 3, 0, 2, 0, 0]
    np.testing.assert_array_equal(labels[:8], now[2:])
    assert np.isnan(labels[8:]).all()


def test_lazy_windows_equal_materialised_windows() -> None:
    times = np.array([0, 1, 2, 3, 5, 6, 7, 8], dtype=np.int64) * H
    symbols = np.array(["X"] * 8, dtype=object)
    feats = np.arange(16, dtype=np.float64).reshape(8, 2)
    panel = build_panel(symbols, times)
    ends = window_ends(panel, 3)
    lazy = gather_windows(feats[panel.order].astype(np.float32), ends, 3)
    eager = build_windows(symbols, times, feats, 3)
    np.testing.assert_array_equal(lazy, eager.windows)
    np.testing.assert_array_equal(panel.order[ends], eager.row_idx)
