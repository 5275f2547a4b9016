"""The plan's three model architectures (stage 3) and the input normaliser exported inside their graphs."""

from cryptosignal_ml.models.normalise import InputNormaliser, fit_normaliser
from cryptosignal_ml.models.regime import MarketRegimeDetector, RegimeGraph
from cryptosignal_ml.models.transformer import PositionalEncoding, PriceGraph, PriceTransformer

__all__ = [
    "InputNormaliser",
    "MarketRegimeDetector",
    "PositionalEncoding",
    "PriceGraph",
    "PriceTransformer",
    "RegimeGraph",
    "fit_normaliser",
]
