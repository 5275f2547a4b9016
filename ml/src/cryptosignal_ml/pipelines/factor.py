"""FactorWeightOptimizer (plan 3.1): XGBoost binary:logistic on the factors, label = 4h max gain > 2%.

Sample weights: the plan's exponential time decay np.exp(np.linspace(-1, 0, n)) applied over TIME, i.e.
w = exp(-1 + (t - t_first) / (t_last - t_first)) for the training rows, so every symbol's row of one hour
gets the same weight and the newest hour weighs e times the oldest. Baselines on the same test rows:
logistic regression (median imputation + standardisation, same rows and weights) and the base rate (the
weighted training share of positives as a constant probability). Factor weights: XGBoost "gain"
importance (mean loss reduction per split; the plan's feature_importances_) of T, M, C, V, O, B, F_v2,
normalised to sum to 1; a factor never split on gets 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xgboost as xgb
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from cryptosignal_ml.configs import DAY_MS, HOUR_MS, FactorConfig, SplitConfig
from cryptosignal_ml.datasets import FeatureMatrix, holdout_split, walk_forward_folds
from cryptosignal_ml.evaluation import binary_metrics
from cryptosignal_ml.features import FACTOR_MODEL_FEATURES, WEIGHTED_FACTORS
from cryptosignal_ml.pipelines.common import iso, windows_iso

LABEL_COLUMN = "label_max_gain_4h"
HORIZON_H = 4


@dataclass
class TrainedFactor:
    """The fitted classifier, its features, test inputs (for export checks), metrics, weights."""

    model: xgb.XGBClassifier
    features: list[str]
    test_inputs: np.ndarray
    metrics: dict[str, object]
    windows: dict[str, object]
    factor_weights: dict[str, float]
    importance: dict[str, dict[str, float]]
    label: str


def time_decay_weights(times_ms: np.ndarray) -> np.ndarray:
    """Returns exp(-1 + (t - min) / (max - min)) per row (all 1 when every row has the same time)."""
    span = float(times_ms.max() - times_ms.min())
    if span == 0:
        return np.ones(times_ms.size)
    return np.exp(-1.0 + (times_ms - times_ms.min()) / span)


def make_classifier(
    cfg: FactorConfig, n_estimators: int | None = None, early_stop: bool = False
) -> xgb.XGBClassifier:
    """Returns an unfitted XGBClassifier with cfg's parameters, one thread, seeded (deterministic)."""
    return xgb.XGBClassifier(
        objective="binary:logistic",
        max_depth=cfg.max_depth,
        learning_rate=cfg.learning_rate,
        n_estimators=n_estimators or cfg.n_estimators,
        subsample=cfg.subsample,
        colsample_bytree=cfg.colsample_bytree,
        min_child_weight=cfg.min_child_weight,
        gamma=cfg.gamma,
        reg_alpha=cfg.reg_alpha,
        reg_lambda=cfg.reg_lambda,
        eval_metric="logloss",
        early_stopping_rounds=cfg.early_stopping_rounds if early_stop else None,
        tree_method="hist",
        n_jobs=1,
        random_state=cfg.seed,
    )


def _baselines(
    x_tr: np.ndarray, y_tr: np.ndarray, w_tr: np.ndarray, x_te: np.ndarray, y_te: np.ndarray
) -> dict:
    usable = ~np.isnan(x_tr).all(axis=0)
    logistic = make_pipeline(
        SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(max_iter=500)
    )
    logistic.fit(x_tr[:, usable], y_tr, logisticregression__sample_weight=w_tr)
    base_rate = float(np.average(y_tr, weights=w_tr))
    return {
        "logistic_regression": binary_metrics(y_te, logistic.predict_proba(x_te[:, usable])[:, 1]),
        "base_rate": binary_metrics(y_te, np.full(y_te.size, base_rate)),
    }


def evaluate_split(
    cfg: FactorConfig,
    x: np.ndarray,
    y: np.ndarray,
    t: np.ndarray,
    tr: np.ndarray,
    te: np.ndarray,
    n_trees: int,
) -> dict:
    """Fits a fresh classifier (n_trees) on rows `tr` and returns its and the baselines' test metrics."""
    w = time_decay_weights(t[tr]) if cfg.time_decay else np.ones(tr.size)
    clf = make_classifier(cfg, n_trees)
    clf.fit(x[tr], y[tr], sample_weight=w)
    return {"model": binary_metrics(y[te], clf.predict_proba(x[te])[:, 1])} | _baselines(
        x[tr], y[tr], w, x[te], y[te]
    )


def _importance(clf: xgb.XGBClassifier, features: list[str]) -> dict[str, dict[str, float]]:
    booster = clf.get_booster()
    out = {}
    for kind in ("gain", "total_gain", "weight"):
        score = booster.get_score(importance_type=kind)
        out[kind] = {f: float(score.get(f"f{i}", score.get(f, 0.0))) for i, f in enumerate(features)}
    return out


def factor_weights(gain: dict[str, float]) -> dict[str, float]:
    """Returns the gain of each weighted factor normalised to sum 1 (all 0 when none was used)."""
    raw = {f: gain.get(f, 0.0) for f in WEIGHTED_FACTORS}
    total = sum(raw.values())
    return {f: (v / total if total > 0 else 0.0) for f, v in raw.items()}


def train_factor_model(m: FeatureMatrix, cfg: FactorConfig, split: SplitConfig) -> TrainedFactor:
    """Trains on the holdout's training window (early stopping on validation when configured), scores the
    test window, runs walk-forward folds, and derives the factor weights."""
    features = [f for f in FACTOR_MODEL_FEATURES if f in m.feature_names]
    gain = m.label(LABEL_COLUMN)
    keep = ~np.isnan(gain)
    x = m.select(features)[keep].astype(np.float32)
    y = (gain[keep] > cfg.gain_threshold).astype(np.int32)
    t = m.open_time_ms[keep]
    holdout = holdout_split(
        t,
        valid_span_ms=split.valid_days * DAY_MS,
        test_span_ms=split.test_days * DAY_MS,
        embargo_ms=split.embargo_h * HOUR_MS,
        label_horizon_ms=HORIZON_H * HOUR_MS,
        train_span_ms=None if split.train_days is None else split.train_days * DAY_MS,
    )
    tr, va, te = holdout.train_idx, holdout.valid_idx, holdout.test_idx
    w = time_decay_weights(t[tr]) if cfg.time_decay else np.ones(tr.size)
    clf = make_classifier(cfg, early_stop=cfg.early_stopping_rounds is not None)
    clf.fit(x[tr], y[tr], sample_weight=w, eval_set=[(x[va], y[va])], verbose=False)
    n_trees = int(clf.best_iteration + 1) if cfg.early_stopping_rounds else cfg.n_estimators
    if cfg.early_stopping_rounds:
        clf = make_classifier(cfg, n_trees)
        clf.fit(x[tr], y[tr], sample_weight=w)
    metrics: dict[str, object] = {"model": binary_metrics(y[te], clf.predict_proba(x[te])[:, 1])}
    metrics |= {"baselines": _baselines(x[tr], y[tr], w, x[te], y[te]), "n_trees": n_trees}
    folds = walk_forward_folds(
        t,
        n_folds=cfg.walk_forward_folds,
        test_span_ms=split.test_days * DAY_MS,
        embargo_ms=split.embargo_h * HOUR_MS,
        label_horizon_ms=HORIZON_H * HOUR_MS,
    )
    metrics["walk_forward"] = [
        {"test": [iso(f.test_start_ms), iso(f.test_end_ms)]}
        | evaluate_split(cfg, x, y, t, f.train_idx, f.test_idx, n_trees)
        for f in folds
    ]
    importance = _importance(clf, features)
    sample = np.linspace(0, te.size - 1, min(512, te.size)).astype(np.int64)
    return TrainedFactor(
        model=clf,
        features=features,
        test_inputs=x[te][sample],
        metrics=metrics,
        windows=windows_iso(holdout),
        factor_weights=factor_weights(importance["gain"]),
        importance=importance,
        label=f"1 if {LABEL_COLUMN} > {cfg.gain_threshold} (max high of the next 4h vs the close) else 0",
    )
