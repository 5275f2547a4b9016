"""The models committed under models/ are intact: checksum, contract, and onnxruntime reproduces their
parity fixtures (the same fixtures the TypeScript inference service checks itself against)."""

import json
from pathlib import Path

import numpy as np
import pytest

from cryptosignal_ml.export import run_onnx, sha256_file
from cryptosignal_ml.features import FACTOR_MODEL_FEATURES, LSTM_CANDIDATES, TRANSFORMER_CANDIDATES

MODELS = Path(__file__).resolve().parents[2] / "models"
ALLOWED = {
    "price-transformer": TRANSFORMER_CANDIDATES,
    "factor-weights": FACTOR_MODEL_FEATURES,
    "regime-lstm": LSTM_CANDIDATES,
}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_shipped_model_matches_its_card_and_fixtures(name: str) -> None:
    folder = MODELS / name
    card = json.loads((folder / "manifest.json").read_text())
    assert card["sha256"] == sha256_file(folder / "model.onnx")
    assert (folder / "model.onnx").stat().st_size < 400_000
    features = [f["name"] for f in card["features"]]
    assert set(features) <= set(ALLOWED[name])
    assert card["inputs"][0]["shape"][-1] == len(features)
    assert card["metrics"]["baselines"]
    parity = json.loads((folder / "parity.json").read_text())
    assert parity["sha256"] == card["sha256"]
    for case in parity["cases"]:
        x = np.array([np.nan if v is None else v for v in np.array(case["input"], dtype=object).ravel()])
        x = x.reshape(np.array(case["input"], dtype=object).shape).astype(np.float32)[None]
        got = run_onnx(folder / "model.onnx", x)
        for key, want in case["expected"].items():
            np.testing.assert_allclose(
                got[key][0], np.array(want, dtype=np.float32), atol=parity["tolerance"]
            )
