"""RegimeAdaptiveStrategy's per-regime parameters (plan 4.2), kept in models/regime-adaptive.json so the
TypeScript pipeline reads the same file. This module loads and checks it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cryptosignal_ml.datasets.targets import REGIME_NAMES

FIELDS = ("min_confidence", "tp_multiplier", "sl_multiplier", "position_size_multiplier")


@dataclass(frozen=True)
class RegimeParameters:
    """min_confidence on the 0-100 scale; the multipliers scale TP distance, SL distance and position size."""

    index: int
    min_confidence: float
    tp_multiplier: float
    sl_multiplier: float
    position_size_multiplier: float


def load_regime_parameters(path: str | Path) -> dict[str, RegimeParameters]:
    """Returns the parameters by regime name. Raises ValueError when a regime or field is missing, the class
    order differs from the regime-lstm's, or a value is out of range (confidence outside 0-100, a
    multiplier <= 0)."""
    doc = json.loads(Path(path).read_text())
    if tuple(doc.get("classes", ())) != REGIME_NAMES:
        raise ValueError(f"classes must be {list(REGIME_NAMES)} in this order")
    out: dict[str, RegimeParameters] = {}
    for i, name in enumerate(REGIME_NAMES):
        entry = doc["regimes"].get(name)
        if entry is None or any(f not in entry for f in FIELDS) or entry.get("index") != i:
            raise ValueError(f"regime {name}: needs index {i} and {FIELDS}")
        params = RegimeParameters(i, *(float(entry[f]) for f in FIELDS))
        if (
            not 0 <= params.min_confidence <= 100
            or min(params.tp_multiplier, params.sl_multiplier, params.position_size_multiplier) <= 0
        ):
            raise ValueError(f"regime {name}: value out of range {entry}")
        out[name] = params
    return out
