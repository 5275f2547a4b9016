"""Model sizes and training settings for three profiles.

- `full`: the plan's sizes (Transformer d_model 256, 8 heads, 6 layers; LSTM hidden 128, 3 layers; XGBoost
  500 trees of depth 6), every training window, up to 100 epochs. Meant for a GPU (`--device cuda`).
- `shipped`: the small models committed under models/, trained on CPU by `make train` in minutes
  (Transformer d_model 32, 4 heads, 2 layers, no dropout; LSTM hidden 16, 1 layer, the size with the lowest
  validation loss of those tried, as larger ones overfit the ~17k overlapping BTC windows within an epoch or
  two; XGBoost depth 4 with early stopping), on a subsample of training windows (one window every
  `train_stride_h` hours per symbol). They are trained directly at that size, not distilled from a
  full-size teacher.
- `tiny`: seconds-long smoke runs for the tests.

Dropout is 0 in the shipped Transformer because on CPU the attention-dropout mask costs about a third of a
training step; weight decay and early stopping regularise it instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cryptosignal_ml.training.loop import FitConfig

DAY_MS = 86_400_000
HOUR_MS = 3_600_000


@dataclass(frozen=True)
class SplitConfig:
    """Holdout by time: the last `test_days` are test, the `valid_days` before them validation, the rest
    training (the last `train_days` of it when set); `embargo_h` hours are dropped before validation and
    before test. The embargo must be >= every label horizon (4h returns, 24h regime)."""

    valid_days: int = 60
    test_days: int = 90
    embargo_h: int = 24
    train_days: int | None = None


@dataclass(frozen=True)
class PriceConfig:
    """PriceTransformer sizes and data sampling (see features.py for the feature list)."""

    seq_len: int = 168
    d_model: int = 256
    nhead: int = 8
    num_layers: int = 6
    dropout: float = 0.1
    max_features: int = 32
    min_coverage: float = 0.5
    train_stride_h: int = 1
    valid_stride_h: int = 1
    test_stride_h: int = 1
    fit: FitConfig = field(default_factory=FitConfig)


@dataclass(frozen=True)
class FactorConfig:
    """XGBoost parameters (plan 3.1 defaults), the label threshold and walk-forward folds."""

    gain_threshold: float = 0.02
    max_depth: int = 6
    learning_rate: float = 0.05
    n_estimators: int = 500
    subsample: float = 0.8
    colsample_bytree: float = 0.8
    min_child_weight: float = 5.0
    gamma: float = 0.1
    reg_alpha: float = 0.1
    reg_lambda: float = 1.0
    early_stopping_rounds: int | None = None
    time_decay: bool = True
    walk_forward_folds: int = 4
    seed: int = 0


@dataclass(frozen=True)
class RegimeConfig:
    """MarketRegimeDetector sizes and the labelling rule's parameters (datasets/targets.py)."""

    seq_len: int = 48
    hidden_dim: int = 128
    num_layers: int = 3
    dropout: float = 0.3
    horizon_h: int = 24
    vol_quantile: float = 0.8
    trend_threshold: float = 30.0
    market_symbol: str = "BTCUSDT"
    min_coverage: float = 0.5
    train_stride_h: int = 1
    fit: FitConfig = field(default_factory=lambda: FitConfig(lr=1e-3))


@dataclass(frozen=True)
class Profile:
    """One named set of the configs above."""

    name: str
    split: SplitConfig
    price: PriceConfig
    factor: FactorConfig
    regime: RegimeConfig


FULL = Profile("full", SplitConfig(), PriceConfig(), FactorConfig(), RegimeConfig())

SHIPPED = Profile(
    "shipped",
    SplitConfig(),
    PriceConfig(
        d_model=32,
        nhead=4,
        num_layers=2,
        dropout=0.0,
        train_stride_h=3,
        valid_stride_h=12,
        test_stride_h=4,
        fit=FitConfig(epochs=8, batch_size=128, lr=1e-3, patience=3, steps_per_epoch=60),
    ),
    FactorConfig(max_depth=4, n_estimators=300, early_stopping_rounds=30),
    RegimeConfig(
        hidden_dim=16,
        num_layers=1,
        dropout=0.0,
        fit=FitConfig(epochs=30, batch_size=128, lr=1e-3, patience=5),
    ),
)

TINY = Profile(
    "tiny",
    SplitConfig(valid_days=4, test_days=4, embargo_h=24),
    PriceConfig(
        seq_len=24,
        d_model=8,
        nhead=2,
        num_layers=1,
        dropout=0.0,
        fit=FitConfig(epochs=2, batch_size=32, lr=1e-3, patience=2, steps_per_epoch=4, progress=False),
    ),
    FactorConfig(max_depth=3, n_estimators=20, walk_forward_folds=2),
    RegimeConfig(
        seq_len=12,
        hidden_dim=8,
        num_layers=1,
        dropout=0.0,
        horizon_h=6,
        fit=FitConfig(epochs=2, batch_size=32, lr=1e-3, patience=2, steps_per_epoch=4, progress=False),
    ),
)

PROFILES = {p.name: p for p in (TINY, SHIPPED, FULL)}


def without_progress(profile: Profile) -> Profile:
    """Returns `profile` with progress bars turned off (for logs and tests)."""
    return replace(
        profile,
        price=replace(profile.price, fit=replace(profile.price.fit, progress=False)),
        regime=replace(profile.regime, fit=replace(profile.regime.fit, progress=False)),
    )
