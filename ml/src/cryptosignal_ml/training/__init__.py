"""Training loop shared by the neural models, and reproducibility settings."""

from cryptosignal_ml.training.determinism import resolve_device, seed_everything
from cryptosignal_ml.training.loop import FitConfig, FitResult, fit

__all__ = ["FitConfig", "FitResult", "fit", "resolve_device", "seed_everything"]
