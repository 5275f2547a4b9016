"""Dataset assembly: the feature/label matrix, walk-forward splits with an embargo, and model windows."""

from cryptosignal_ml.datasets.matrix import FeatureMatrix, MatrixError, read_feature_matrix
from cryptosignal_ml.datasets.splits import Fold, walk_forward_folds
from cryptosignal_ml.datasets.windows import Windows, build_windows

__all__ = [
    "FeatureMatrix",
    "Fold",
    "MatrixError",
    "Windows",
    "build_windows",
    "read_feature_matrix",
    "walk_forward_folds",
]
