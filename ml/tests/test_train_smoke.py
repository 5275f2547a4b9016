"""Smoke training of all three models on the tiny profile: export, cards, parity fixtures, determinism,
and the retrain promotion rule."""

import json
from pathlib import Path

import numpy as np
import pytest

from cryptosignal_ml import cli
from cryptosignal_ml.configs import TINY
from cryptosignal_ml.export import run_onnx, sha256_file
from cryptosignal_ml.online import retrain
from cryptosignal_ml.train import train_all

NAMES = ("price-transformer", "factor-weights", "regime-lstm")


@pytest.fixture(scope="module")
def trained(matrix_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("models")
    return out, train_all(matrix_path, out, TINY)


def _nan(v):
    return np.nan if v is None else v


def test_every_model_has_onnx_card_and_parity(trained) -> None:
    out, _ = trained
    for name in NAMES:
        card = json.loads((out / name / "manifest.json").read_text())
        assert card["sha256"] == sha256_file(out / name / "model.onnx")
        assert card["version"].startswith(name)
        assert card["data"]["feature_spec_version"] == "test-spec-1"
        assert card["export_parity_max_abs_diff"] <= 1e-5
        assert {"train", "valid", "test", "embargo_hours"} <= set(card["windows"])
        assert card["features"] and all(f["dtype"] == "float32" for f in card["features"])
        assert card["metrics"]["model"] and card["metrics"]["baselines"]
        parity = json.loads((out / name / "parity.json").read_text())
        assert parity["sha256"] == card["sha256"]
        for case in parity["cases"]:
            x = np.array(case["input"], dtype=object)
            x = np.vectorize(_nan, otypes=[np.float32])(x)[None]
            got = run_onnx(out / name / "model.onnx", x)
            for key, want in case["expected"].items():
                np.testing.assert_allclose(got[key][0], np.array(want, dtype=np.float32), atol=1e-5)
        assert any(
            np.isnan(np.vectorize(_nan, otypes=[np.float32])(np.array(c["input"], dtype=object))).any()
            for c in parity["cases"]
        )


def test_cards_report_baselines_beside_the_model(trained) -> None:
    _, cards = trained
    assert set(cards["price"]["metrics"]["baselines"]) == {
        "zero_return",
        "last_return_sign",
        "majority_direction",
        "historical_volatility",
    }
    assert set(cards["factor"]["metrics"]["baselines"]) == {"logistic_regression", "base_rate"}
    assert set(cards["regime"]["metrics"]["baselines"]) == {"majority_class", "persistence"}
    weights = cards["factor"]["factor_weights"]
    assert list(weights) == ["T", "M", "C", "V", "O", "B", "F_v2"]
    assert weights["O"] == 0 and weights["F_v2"] == 0  # no data -> no weight
    assert abs(sum(weights.values()) - 1) < 1e-9
    assert [f["name"] for f in cards["price"]["features"]][:4] == ["T", "M", "C", "V"]
    assert "O" not in [f["name"] for f in cards["price"]["features"]]


def test_training_is_deterministic(matrix_path: Path, trained, tmp_path: Path) -> None:
    out, _ = trained
    train_all(matrix_path, tmp_path, TINY, only=("price", "regime"))
    for name in ("price-transformer", "regime-lstm"):
        assert sha256_file(tmp_path / name / "model.onnx") == sha256_file(out / name / "model.onnx")


def test_retrain_promotes_only_a_better_model(matrix_path: Path, trained, tmp_path: Path) -> None:
    out, _ = trained
    models = tmp_path / "registry"
    (models / "factor-weights").mkdir(parents=True)
    for f in ("model.onnx", "manifest.json", "parity.json"):
        (models / "factor-weights" / f).write_bytes((out / "factor-weights" / f).read_bytes())
    before = sha256_file(models / "factor-weights" / "model.onnx")
    kept = retrain(matrix_path, models, test_days=3, min_improvement=1e9)
    assert kept["promoted"] is False and kept["current_dir"] == "factor-weights"
    assert sorted(p.name for p in (models / "factor-weights").iterdir()) == [
        "manifest.json",
        "model.onnx",
        "parity.json",
    ]
    promoted = retrain(matrix_path, models, test_days=3, min_improvement=-1e9)
    assert promoted["promoted"] is True and promoted["test"] == kept["test"]
    new_dir = models / str(promoted["new_dir"])
    assert promoted["new_dir"] == f"factor-weights/versions/{promoted['new_version']}"
    assert (models / "factor-weights" / "CURRENT").read_text() == f"{promoted['new_version']}\n"
    card = json.loads((new_dir / "manifest.json").read_text())
    assert card["version"] == promoted["new_version"] != kept["current_version"]
    assert card["retrain"]["previous_version"] == kept["current_version"]
    assert card["sha256"] == sha256_file(new_dir / "model.onnx")
    assert sha256_file(models / "factor-weights" / "model.onnx") == before  # the flat copy is untouched


def test_cli_info_and_bad_matrix(matrix_path: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["info", str(matrix_path)]) == 0
    assert json.loads(capsys.readouterr().out)["symbols"] == ["BTCUSDT", "ETHUSDT"]
    assert cli.main(["train", "--matrix", str(tmp_path / "none.arrow"), "--out", str(tmp_path)]) == 2
