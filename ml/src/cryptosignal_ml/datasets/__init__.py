"""Dataset assembly: the feature/label matrix, walk-forward splits with an embargo, and model windows."""

from cryptosignal_ml.datasets.matrix import FeatureMatrix, MatrixError, read_feature_matrix
from cryptosignal_ml.datasets.panel import Panel, build_panel, forward_positions, gather_windows, window_ends
from cryptosignal_ml.datasets.splits import Fold, Holdout, holdout_split, walk_forward_folds
from cryptosignal_ml.datasets.windows import Windows, build_windows

__all__ = [
    "FeatureMatrix",
    "Fold",
    "Holdout",
    "MatrixError",
    "Panel",
    "Windows",
    "build_panel",
    "build_windows",
    "forward_positions",
    "gather_windows",
    "holdout_split",
    "read_feature_matrix",
    "walk_forward_folds",
    "window_ends",
]
