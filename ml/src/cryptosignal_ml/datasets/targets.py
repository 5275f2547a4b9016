"""Training targets computed from the matrix's own rows (never from prices Python would re-read).

Forward returns (PriceTransformer). The target at bar t for horizon k hours is the cumulative log return
y_k = sum_{j=1..k} log_return[t + j] = ln(close[t+k] / close[t]), summed over the next k rows of the SAME
symbol, each exactly one hour after the previous; if any of them is missing (gap, end of data, or a null
log_return) y_k is NaN and the bar is not used for training or evaluation. The export's label_return_1h is
the simple return close[t+1]/close[t] - 1, so y_1 = ln(1 + label_return_1h) wherever both exist
(checked by `check_against_label`). Log returns are used because they add over horizons.

Regime labels (MarketRegimeDetector), a fixed rule over the market reference's own columns at bar t + H
(H = `horizon_h`, default 24): the regime the v7.2 engine will be in H hours later.
  3 high-vol  if realised_volatility[t+H] >= vol_threshold
  1 bull      elif market_regime[t+H] >= +trend_threshold
  2 bear      elif market_regime[t+H] <= -trend_threshold
  0 range     otherwise
vol_threshold is the `vol_quantile` (default 0.8) of realised_volatility over the TRAINING rows only and
trend_threshold is 30 (market_regime is BTC's trend score in [-100, 100]); both are written to the manifest.
A label is NaN when bar t + H is missing or either input is null.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cryptosignal_ml.datasets.panel import Panel, forward_positions

REGIME_NAMES = ("range", "bull", "bear", "high_vol")


def forward_log_returns(panel: Panel, log_return: np.ndarray, horizons: int = 4) -> np.ndarray:
    """Returns (n, horizons) cumulative forward log returns in MATRIX row order (see module doc).

    log_return: (n,) the matrix's `log_return` column in matrix row order.
    """
    lr_sorted = log_return[panel.order]
    out_sorted = np.full((panel.size, horizons), np.nan)
    acc = np.zeros(panel.size)
    for k in range(1, horizons + 1):
        pos = forward_positions(panel, k)
        step = np.where(pos >= 0, lr_sorted[np.maximum(pos, 0)], np.nan)
        acc = acc + step
        out_sorted[:, k - 1] = acc
    out = np.empty_like(out_sorted)
    out[panel.order] = out_sorted
    return out


def check_against_label(y1: np.ndarray, label_return_1h: np.ndarray, tol: float = 1e-9) -> int:
    """Returns the number of rows where y_1 and ln(1 + label_return_1h) both exist and differ by more than
    `tol`; 0 means the matrix's log_return and its 1h label agree."""
    with np.errstate(invalid="ignore"):
        ref = np.log1p(label_return_1h)
    both = ~np.isnan(y1) & ~np.isnan(ref)
    return int((np.abs(y1[both] - ref[both]) > tol).sum())


@dataclass(frozen=True)
class RegimeRule:
    """The labelling rule's parameters (see module doc)."""

    horizon_h: int
    vol_threshold: float
    trend_threshold: float = 30.0

    def label_now(self, market_regime: np.ndarray, realised_vol: np.ndarray) -> np.ndarray:
        """Applies the rule to same-bar values; returns float labels 0..3, NaN where an input is null."""
        lab = np.where(
            realised_vol >= self.vol_threshold,
            3.0,
            np.where(
                market_regime >= self.trend_threshold,
                1.0,
                np.where(market_regime <= -self.trend_threshold, 2.0, 0.0),
            ),
        )
        return np.where(np.isnan(market_regime) | np.isnan(realised_vol), np.nan, lab)


def fit_regime_rule(
    realised_vol_train: np.ndarray, horizon_h: int, vol_quantile: float = 0.8, trend_threshold: float = 30.0
) -> RegimeRule:
    """Returns the rule with vol_threshold = the `vol_quantile` of the training rows' realised volatility."""
    vol = realised_vol_train[~np.isnan(realised_vol_train)]
    if vol.size == 0:
        raise ValueError("no realised volatility in the training rows")
    return RegimeRule(horizon_h, float(np.quantile(vol, vol_quantile)), trend_threshold)


def regime_labels(
    panel: Panel, market_regime: np.ndarray, realised_vol: np.ndarray, rule: RegimeRule
) -> np.ndarray:
    """Returns (n,) float labels in matrix row order: the rule applied at bar t + rule.horizon_h of the same
    series, NaN where that bar is missing."""
    now = rule.label_now(market_regime[panel.order], realised_vol[panel.order])
    pos = forward_positions(panel, rule.horizon_h)
    fut = np.where(pos >= 0, now[np.maximum(pos, 0)], np.nan)
    out = np.empty_like(fut)
    out[panel.order] = fut
    return out
