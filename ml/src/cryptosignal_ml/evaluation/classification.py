"""Classification metrics: binary (AUC, log loss, Brier) and multiclass (accuracy, confusion matrix)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import confusion_matrix, log_loss, roc_auc_score

EPS = 1e-7


def binary_metrics(y: np.ndarray, p: np.ndarray, weight: np.ndarray | None = None) -> dict[str, float]:
    """Returns auc (None when only one class is present), log_loss, brier, the observed base rate and the
    mean prediction, for labels y in {0, 1} and probabilities p (n,)."""
    p = np.clip(p.astype(np.float64), EPS, 1 - EPS)
    both = np.unique(y).size == 2
    return {
        "n": int(y.size),
        "auc": float(roc_auc_score(y, p, sample_weight=weight)) if both else None,
        "log_loss": float(log_loss(y, p, labels=[0, 1], sample_weight=weight)),
        "brier": float(np.average((p - y) ** 2, weights=weight)),
        "base_rate": float(np.average(y, weights=weight)),
        "mean_prediction": float(np.average(p, weights=weight)),
    }


def multiclass_metrics(y: np.ndarray, pred: np.ndarray, num_classes: int) -> dict[str, object]:
    """Returns accuracy, balanced accuracy (mean per-class recall over classes present), and the confusion
    matrix (rows = true class, columns = predicted) for integer labels."""
    cm = confusion_matrix(y, pred, labels=list(range(num_classes)))
    support = cm.sum(axis=1)
    recall = np.divide(np.diag(cm), support, out=np.zeros(num_classes), where=support > 0)
    return {
        "n": int(y.size),
        "accuracy": float(np.mean(y == pred)) if y.size else None,
        "balanced_accuracy": float(recall[support > 0].mean()) if (support > 0).any() else None,
        "confusion_matrix": cm.tolist(),
    }
