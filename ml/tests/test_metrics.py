import math

import numpy as np

from cryptosignal_ml.evaluation import binary_metrics, multiclass_metrics, price_baselines, price_metrics


def test_price_metrics_of_a_known_prediction() -> None:
    y = np.array([[0.01, 0.02, 0.0, 0.04], [-0.01, -0.02, 0.0, -0.02]])
    mean = np.array([[0.0, 0.0, 0.0, 0.02], [0.0, 0.0, 0.0, 0.01]])
    std = np.full_like(y, 0.02)
    m = price_metrics(y, mean, std)
    assert math.isclose(m["mae"], np.abs(mean - y).mean())
    assert math.isclose(m["rmse_4h"], math.sqrt((0.02**2 + 0.03**2) / 2))
    assert m["direction_accuracy_4h"] == 0.5
    assert m["coverage_1sigma"] == 7 / 8  # only |0.01 - (-0.02)| = 0.03 > 0.02
    assert m["coverage_2sigma"] == 1.0


def test_calibrated_gaussian_covers_68_and_95_percent() -> None:
    rng = np.random.default_rng(0)
    std = np.full((20_000, 4), 0.01)
    y = rng.normal(0, std)
    m = price_metrics(y, np.zeros_like(y), std)
    assert abs(m["coverage_1sigma"] - 0.683) < 0.01
    assert abs(m["coverage_2sigma"] - 0.954) < 0.01


def test_baselines_use_the_last_return_and_realised_vol() -> None:
    y = np.array([[0.01, 0.01, 0.01, 0.01], [-0.01, -0.01, -0.01, -0.01]])
    b = price_baselines(y, np.array([0.005, 0.005]), np.array([0.01, np.nan]), train_up_share=0.6)
    assert b["last_return_sign"]["direction_accuracy_4h"] == 0.5
    assert b["majority_direction"]["direction_accuracy_4h"] == 0.5
    assert b["zero_return"]["mae"] == 0.01
    assert b["historical_volatility"]["nll"] is not None


def test_binary_and_multiclass_metrics() -> None:
    y = np.array([0, 0, 1, 1])
    m = binary_metrics(y, np.array([0.1, 0.2, 0.8, 0.9]))
    assert m["auc"] == 1.0 and m["base_rate"] == 0.5
    assert math.isclose(m["brier"], (0.01 + 0.04 + 0.04 + 0.01) / 4)
    c = multiclass_metrics(np.array([0, 1, 1, 3]), np.array([0, 1, 0, 3]), 4)
    assert c["accuracy"] == 0.75
    assert c["confusion_matrix"][1] == [1, 1, 0, 0]
