"""Mini-batch training with AdamW, a cosine learning-rate schedule, gradient clipping and early stopping
on a validation loss (plan 2.2: AdamW lr 1e-4, weight decay 0.01, CosineAnnealingLR, clip_grad_norm 1.0)."""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from tqdm import tqdm

Batch = tuple[torch.Tensor, ...]


@dataclass(frozen=True)
class FitConfig:
    """epochs: upper bound; patience: epochs without a validation improvement before stopping;
    steps_per_epoch: batches per epoch (None = one pass over the training samples)."""

    epochs: int = 100
    batch_size: int = 256
    lr: float = 1e-4
    weight_decay: float = 0.01
    clip_norm: float = 1.0
    patience: int = 10
    steps_per_epoch: int | None = None
    seed: int = 0
    progress: bool = True


@dataclass
class FitResult:
    """best_epoch (1-based), best_valid_loss, per-epoch train/valid losses, and wall seconds."""

    best_epoch: int
    best_valid_loss: float
    history: list[dict[str, float]] = field(default_factory=list)
    seconds: float = 0.0


def fit(
    model: nn.Module,
    loss_fn: Callable[[nn.Module, Batch], torch.Tensor],
    make_batch: Callable[[np.ndarray], Batch],
    n_train: int,
    valid_loss: Callable[[nn.Module], float],
    cfg: FitConfig,
    desc: str = "train",
) -> FitResult:
    """Trains `model` in place and leaves it holding the weights of the epoch with the lowest validation
    loss. make_batch(indices) builds a batch (already on the model's device) from training-sample indices
    in [0, n_train); valid_loss(model) evaluates the current weights (the model is in eval mode then)."""
    rng = np.random.default_rng(cfg.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=max(cfg.epochs, 1))
    steps = cfg.steps_per_epoch or math.ceil(n_train / cfg.batch_size)
    best = FitResult(0, math.inf)
    best_state = copy.deepcopy(model.state_dict())
    started = time.monotonic()
    for epoch in range(1, cfg.epochs + 1):
        model.train()
        perm = rng.permutation(n_train)
        total = 0.0
        bar = tqdm(range(steps), desc=f"{desc} epoch {epoch}", disable=not cfg.progress, leave=False)
        for step in bar:
            idx = perm[(step * cfg.batch_size) % n_train :][: cfg.batch_size]
            loss = loss_fn(model, make_batch(idx))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), max_norm=cfg.clip_norm)
            opt.step()
            total += float(loss.detach())
        sched.step()
        model.eval()
        with torch.no_grad():
            v = valid_loss(model)
        best.history.append({"epoch": epoch, "train_loss": total / steps, "valid_loss": v})
        if v < best.best_valid_loss:
            best.best_epoch, best.best_valid_loss = epoch, v
            best_state = copy.deepcopy(model.state_dict())
        elif epoch - best.best_epoch >= cfg.patience:
            break
    model.load_state_dict(best_state)
    model.eval()
    best.seconds = time.monotonic() - started
    return best
