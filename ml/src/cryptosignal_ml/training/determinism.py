"""Seeds and thread settings that make CPU training bit-for-bit repeatable."""

from __future__ import annotations

import os
import random

import numpy as np
import torch


def seed_everything(seed: int, *, threads: int = 1, deterministic: bool = True) -> None:
    """Seeds Python, numpy and torch, limits torch to `threads` intra-op threads and turns on
    torch.use_deterministic_algorithms. On CPU with one thread repeated runs give identical weights; CUDA
    runs additionally need CUBLAS_WORKSPACE_CONFIG, which is set here when unset."""
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(deterministic)


def resolve_device(name: str) -> torch.device:
    """Returns the torch device for "cpu", "cuda" or "auto" (cuda when available). Raises ValueError when
    "cuda" is asked for and no GPU is present."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda: no CUDA device is available")
    if name not in ("cpu", "cuda"):
        raise ValueError(f"unknown device {name!r} (cpu, cuda, auto)")
    return torch.device(name)
