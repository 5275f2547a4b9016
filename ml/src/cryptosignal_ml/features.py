"""The feature lists each model reads from the matrix, and how the usable ones are chosen.

All names are columns of `cryptosignal features export` (libs/features/src/feature-spec.ts, spec
version `v72-features-1`: the 9 factor scores, `price`, `atr` and 16 extras in snake_case); nothing here
computes a feature.

Left out on purpose everywhere: `price`, `atr`, `macd`, `macd_signal`, `macd_hist`. They are in price units,
so their scale differs by orders of magnitude between symbols (e.g. BTC ~ 1e5 vs HBAR ~ 1e-1) and one
normaliser cannot serve all symbols; `atr_pct` carries ATR as a fraction of price, and `bb_position`/`rsi`
the momentum information MACD would add.

Transformer (plan: 168 x 32). The plan's 32 is a nominal input width. The export has 27 feature columns;
without the 5 price-unit columns that leaves the 22 candidates below. A candidate is used only if
it is available (not null) on at least `min_coverage` of the training rows, so a factor whose input the
data lacks (on the shipped data: O, F_v2 and the OI changes, which need open interest) does not enter the
model as a constant. The input width is therefore len(chosen features) (18 on the shipped data), recorded
in each manifest; `max_features` caps it (the plan's 32 when more columns arrive).

LSTM (plan: 48 x 16): exactly the 16 names of LSTM_CANDIDATES when all are usable, read from the market
reference's rows (BTCUSDT), since the regime it predicts is the market's.

XGBoost (plan 3.1: T, M, C, V, O, B, F, I, market_regime, atr, volatility): the plan's list with F = F_v2,
atr -> atr_pct (see above) and volatility = realised_volatility. Trees take missing values natively (null ->
the learned default branch), so no coverage filter applies; a factor with no data gets zero importance.
"""

from __future__ import annotations

import numpy as np

FACTORS = ("T", "M", "C", "V", "O", "B", "F_v2", "I", "market_regime")
#: The seven factors whose weights the pipeline's confidence uses (plan 3.1 get_optimal_weights).
WEIGHTED_FACTORS = ("T", "M", "C", "V", "O", "B", "F_v2")
PRICE_UNIT_COLUMNS = ("price", "atr", "macd", "macd_signal", "macd_hist")

TRANSFORMER_CANDIDATES = (
    *FACTORS,
    "log_return",
    "realised_volatility",
    "price_acceleration",
    "rsi",
    "bb_position",
    "bb_width",
    "atr_pct",
    "volume_imbalance",
    "cvd_change_24h",
    "cvd_change_6h",
    "funding_rate",
    "oi_change_24h",
    "oi_change_6h",
)

LSTM_CANDIDATES = (
    "T",
    "M",
    "C",
    "V",
    "B",
    "market_regime",
    "log_return",
    "realised_volatility",
    "price_acceleration",
    "rsi",
    "bb_position",
    "bb_width",
    "atr_pct",
    "volume_imbalance",
    "cvd_change_24h",
    "funding_rate",
)

FACTOR_MODEL_FEATURES = (*FACTORS, "atr_pct", "realised_volatility")


def coverage(block: np.ndarray) -> np.ndarray:
    """Returns the fraction of non-NaN values of each column of `block` (n, f); 0 for an empty block."""
    if block.shape[0] == 0:
        return np.zeros(block.shape[1])
    return 1.0 - np.isnan(block).mean(axis=0)


def select_usable(
    names: list[str],
    block: np.ndarray,
    candidates: tuple[str, ...],
    *,
    min_coverage: float,
    max_features: int | None = None,
) -> list[str]:
    """Returns the candidates present in `names` whose coverage over `block` (rows x len(names), the training
    rows) is >= min_coverage, in candidate order, at most `max_features` of them.

    Raises ValueError when none qualifies.
    """
    cov = dict(zip(names, coverage(block), strict=True))
    chosen = [c for c in candidates if c in cov and cov[c] >= min_coverage]
    if max_features is not None:
        chosen = chosen[:max_features]
    if not chosen:
        raise ValueError(f"no candidate feature reaches coverage {min_coverage}: {cov}")
    return chosen
