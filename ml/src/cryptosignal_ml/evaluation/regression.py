"""Metrics of a predicted distribution of the 1-4h cumulative log returns, and their naive baselines.

price_metrics(y, mean, std), every input (n, 4) with columns 1h..4h:
- mae, rmse: over all four horizons; mae_4h, rmse_4h: the 4h column alone;
- direction_accuracy_4h: share of rows with sign(mean_4h) == sign(y_4h), over rows where y_4h != 0
  (a prediction of exactly 0 counts as wrong);
- nll: mean Gaussian negative log-likelihood 0.5 ln(2 pi) + ln(std) + (y - mean)^2 / (2 std^2), over all
  horizons (natural-log units, returns in log-return units, so lower is better and values are negative);
- coverage_1sigma / coverage_2sigma: share of y inside mean +/- 1 (2) std; a calibrated Gaussian gives
  0.683 / 0.954.
A metric a predictor cannot produce is None (e.g. NLL of a point forecast).
"""

from __future__ import annotations

import math

import numpy as np

HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def gaussian_nll(y: np.ndarray, mean: np.ndarray, std: np.ndarray) -> float:
    """Returns the mean Gaussian NLL of y under N(mean, std^2) (same shapes)."""
    return float(np.mean(HALF_LOG_2PI + np.log(std) + (y - mean) ** 2 / (2 * std**2)))


def _direction_accuracy(y4: np.ndarray, pred4: np.ndarray) -> float:
    moved = y4 != 0
    return float(np.mean(np.sign(pred4[moved]) == np.sign(y4[moved]))) if moved.any() else math.nan


def price_metrics(y: np.ndarray, mean: np.ndarray | None, std: np.ndarray | None) -> dict[str, float | None]:
    """Returns the metrics of the module doc for predictions `mean`/`std` (either may be None) of `y`."""
    out: dict[str, float | None] = {"n": int(y.shape[0])}
    if mean is not None:
        err = mean - y
        out |= {
            "mae": float(np.mean(np.abs(err))),
            "rmse": float(np.sqrt(np.mean(err**2))),
            "mae_4h": float(np.mean(np.abs(err[:, 3]))),
            "rmse_4h": float(np.sqrt(np.mean(err[:, 3] ** 2))),
            "direction_accuracy_4h": _direction_accuracy(y[:, 3], mean[:, 3]),
        }
    else:
        out |= dict.fromkeys(("mae", "rmse", "mae_4h", "rmse_4h", "direction_accuracy_4h"))
    if mean is not None and std is not None:
        z = np.abs(y - mean) / std
        out |= {
            "nll": gaussian_nll(y, mean, std),
            "coverage_1sigma": float(np.mean(z <= 1)),
            "coverage_2sigma": float(np.mean(z <= 2)),
        }
    else:
        out |= dict.fromkeys(("nll", "coverage_1sigma", "coverage_2sigma"))
    return out


def price_baselines(
    y: np.ndarray, last_return: np.ndarray, realised_vol: np.ndarray, train_up_share: float
) -> dict[str, dict[str, float | None]]:
    """Returns the naive baselines' metrics on the same rows as the model.

    y: (n, 4) targets; last_return: (n,) the bar's own log_return; realised_vol: (n,) its realised_volatility
    (std of the last 24 hourly log returns). Baselines:
    - zero_return: mean 0 (a random walk) -> MAE/RMSE;
    - last_return_sign: mean_k = k * last_return (the last move persists) -> MAE/RMSE and its direction;
    - majority_direction: always the direction that was more frequent in training (train_up_share >= 0.5
      -> up) -> direction accuracy;
    - historical_volatility: N(0, (realised_vol * sqrt(k))^2) -> NLL and coverage (square-root-of-time).
    Rows where realised_vol is null or 0 fall back to the median realised vol of these rows.
    """
    k = np.arange(1, y.shape[1] + 1, dtype=np.float64)
    zero = np.zeros_like(y)
    rv = np.where(np.isnan(realised_vol) | (realised_vol <= 0), np.nan, realised_vol)
    rv = np.where(np.isnan(rv), np.nanmedian(rv) if np.isfinite(rv).any() else 1e-3, rv)
    last = np.where(np.isnan(last_return), 0.0, last_return)
    majority = np.full_like(y, 1.0 if train_up_share >= 0.5 else -1.0)
    return {
        "zero_return": price_metrics(y, zero, None) | {"direction_accuracy_4h": None},
        "last_return_sign": price_metrics(y, last[:, None] * k[None, :], None),
        "majority_direction": {
            "n": int(y.shape[0]),
            "direction_accuracy_4h": _direction_accuracy(y[:, 3], majority[:, 3]),
        },
        "historical_volatility": {
            key: v
            for key, v in price_metrics(y, zero, rv[:, None] * np.sqrt(k)[None, :]).items()
            if key in ("n", "nll", "coverage_1sigma", "coverage_2sigma")
        },
    }
