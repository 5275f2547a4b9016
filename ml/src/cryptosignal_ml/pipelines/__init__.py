"""End-to-end training of each model from a feature matrix: data, fit, evaluation beside baselines."""

from cryptosignal_ml.pipelines.factor import TrainedFactor, train_factor_model
from cryptosignal_ml.pipelines.price import TrainedPrice, train_price_model
from cryptosignal_ml.pipelines.regime import TrainedRegime, train_regime_model

__all__ = [
    "TrainedFactor",
    "TrainedPrice",
    "TrainedRegime",
    "train_factor_model",
    "train_price_model",
    "train_regime_model",
]
