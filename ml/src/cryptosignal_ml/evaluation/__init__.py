"""Metrics, always computed beside naive baselines on the same rows."""

from cryptosignal_ml.evaluation.classification import binary_metrics, multiclass_metrics
from cryptosignal_ml.evaluation.regression import gaussian_nll, price_baselines, price_metrics

__all__ = ["binary_metrics", "gaussian_nll", "multiclass_metrics", "price_baselines", "price_metrics"]
