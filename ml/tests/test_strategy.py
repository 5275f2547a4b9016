import json
from pathlib import Path

import pytest

from cryptosignal_ml.strategy import load_regime_parameters

CONFIG = Path(__file__).resolve().parents[2] / "models" / "regime-adaptive.json"


def test_shipped_regime_parameters_are_the_plans() -> None:
    p = load_regime_parameters(CONFIG)
    assert [p[r].min_confidence for r in ("range", "bull", "bear", "high_vol")] == [65, 55, 70, 75]
    assert [p[r].tp_multiplier for r in ("range", "bull", "bear", "high_vol")] == [0.8, 1.5, 1.0, 2.0]
    assert [p[r].sl_multiplier for r in ("range", "bull", "bear", "high_vol")] == [1.0, 0.8, 1.2, 1.5]
    assert [p[r].position_size_multiplier for r in ("range", "bull", "bear", "high_vol")] == [
        1.0,
        1.2,
        0.8,
        0.6,
    ]


def test_a_broken_config_is_refused(tmp_path: Path) -> None:
    doc = json.loads(CONFIG.read_text())
    doc["regimes"]["bull"]["tp_multiplier"] = 0
    (tmp_path / "c.json").write_text(json.dumps(doc))
    with pytest.raises(ValueError, match="bull"):
        load_regime_parameters(tmp_path / "c.json")
