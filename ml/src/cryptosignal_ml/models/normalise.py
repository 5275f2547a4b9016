"""Input standardisation that is part of the model (and so of the exported ONNX graph).

z = clip((x - mean) / std, -clip, +clip), then z = 0 wherever x is NaN. The means and standard deviations
are constants fitted on the training rows only. NaN handling: an unavailable feature (null in the matrix,
NaN at inference) enters the network as 0, i.e. as the training mean of that feature; training sees the
very same substitution because it runs through this module. The clip (default 8 standard deviations)
bounds the influence of a single extreme bar.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn


class InputNormaliser(nn.Module):
    """Standardises the last axis of x (..., f); see the module doc for NaN handling and clipping."""

    def __init__(self, mean: np.ndarray, std: np.ndarray, clip: float = 8.0) -> None:
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))
        self.clip = float(clip)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        missing = torch.isnan(x)
        z = torch.clamp((x - self.mean) / self.std, -self.clip, self.clip)
        return torch.where(missing, torch.zeros_like(z), z)


def fit_normaliser(block: np.ndarray, clip: float = 8.0) -> InputNormaliser:
    """Returns a normaliser with the NaN-ignoring mean and std of each column of `block` (rows, f); a column
    with no spread (or no data) gets std 1 so it passes through centred."""
    with np.errstate(all="ignore"):
        mean = np.nanmean(block, axis=0)
        std = np.nanstd(block, axis=0)
    mean = np.where(np.isnan(mean), 0.0, mean)
    std = np.where(~np.isfinite(std) | (std < 1e-12), 1.0, std)
    return InputNormaliser(mean, std, clip)
