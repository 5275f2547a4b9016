"""The retrain job's contract with the registry and the CLI: MODELS_DIR, --decision-out, exit codes, and the
versioned layout (a promotion writes a new version folder, then re-points CURRENT)."""

import json
from pathlib import Path

import pytest

from cryptosignal_ml import cli
from cryptosignal_ml.configs import TINY
from cryptosignal_ml.export import sha256_file
from cryptosignal_ml.publish import (
    FACTOR,
    RegistryError,
    current_model_dir,
    promote_version,
    staging_dir,
)
from cryptosignal_ml.train import train_all


@pytest.fixture(scope="module")
def factor_dir(matrix_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("trained")
    train_all(matrix_path, out, TINY, only=("factor",))
    return out / FACTOR


def _seeded(root: Path, factor_dir: Path) -> Path:
    """A registry holding the trained model as the shipped (flat) layout."""
    (root / FACTOR).mkdir(parents=True)
    for f in factor_dir.iterdir():
        (root / FACTOR / f.name).write_bytes(f.read_bytes())
    return root


def _retrain(matrix: Path, *extra: str) -> list[str]:
    return ["retrain", "--matrix", str(matrix), "--test-days", "3", *extra]


def test_retrain_reads_models_dir_and_writes_the_decision(
    matrix_path: Path, factor_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    models = _seeded(tmp_path / "registry", factor_dir)
    monkeypatch.setenv("MODELS_DIR", str(models))
    decision_file = tmp_path / "decision.json"
    args = _retrain(matrix_path, "--min-improvement", "1e9", "--decision-out", str(decision_file))
    assert cli.main(args) == 0
    kept = json.loads(decision_file.read_text())
    assert kept == json.loads(capsys.readouterr().out)
    assert kept["promoted"] is False and kept["current_dir"] == FACTOR and "new_version" not in kept

    assert (
        cli.main(_retrain(matrix_path, "--min-improvement=-1e9", "--decision-out", str(decision_file))) == 0
    )
    promoted = json.loads(decision_file.read_text())
    assert promoted["promoted"] is True
    assert current_model_dir(models, FACTOR) == models / promoted["new_dir"]

    # The next run scores the promoted version, not the flat files beside it.
    assert (
        cli.main(_retrain(matrix_path, "--min-improvement", "1e9", "--decision-out", str(decision_file))) == 0
    )
    again = json.loads(decision_file.read_text())
    assert again["current_version"] == promoted["new_version"]
    assert again["current_dir"] == promoted["new_dir"]


def test_retrain_on_an_empty_registry_exits_2_with_one_line(
    matrix_path: Path, tmp_path: Path, capsys
) -> None:
    decision_file = tmp_path / "decision.json"
    code = cli.main(
        _retrain(matrix_path, "--models", str(tmp_path / "empty"), "--decision-out", str(decision_file))
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cryptosignal models seed" in err
    assert not decision_file.exists()


def test_retrain_refuses_a_malformed_current_pointer(
    matrix_path: Path, factor_dir: Path, tmp_path: Path, capsys
) -> None:
    models = _seeded(tmp_path / "registry", factor_dir)
    (models / FACTOR / "CURRENT").write_text("../../etc\n")
    assert cli.main(_retrain(matrix_path, "--models", str(models))) == 2
    assert "does not name a version folder" in capsys.readouterr().err


def test_promotion_keeps_an_existing_version_folder_and_only_moves_the_pointer(
    factor_dir: Path, tmp_path: Path
) -> None:
    models = tmp_path / "registry"
    version = json.loads((factor_dir / "manifest.json").read_text())["version"]
    for _ in range(2):
        staged = staging_dir(models, FACTOR)
        for f in factor_dir.iterdir():
            (staged / f.name).write_bytes(f.read_bytes())
        final = promote_version(models, FACTOR, staged, version)
        assert not staged.exists()
    assert sorted(p.name for p in (models / FACTOR / "versions").iterdir()) == [version]
    assert sorted(p.name for p in (models / FACTOR).iterdir()) == ["CURRENT", "versions"]
    assert sha256_file(final / "model.onnx") == sha256_file(factor_dir / "model.onnx")
    with pytest.raises(RegistryError):
        promote_version(models, FACTOR, staging_dir(models, FACTOR), "../escape")


def test_retrain_refuses_a_current_model_that_does_not_match_its_manifest(
    matrix_path: Path, factor_dir: Path, tmp_path: Path, capsys
) -> None:
    models = _seeded(tmp_path / "registry", factor_dir)
    swapped = Path(__file__).resolve().parents[2] / "models" / "regime-lstm" / "model.onnx"
    (models / FACTOR / "model.onnx").write_bytes(swapped.read_bytes())
    decision_file = tmp_path / "decision.json"
    code = cli.main(_retrain(matrix_path, "--models", str(models), "--decision-out", str(decision_file)))
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"sha256 of {FACTOR}/model.onnx" in err and sha256_file(swapped) in err
    assert not decision_file.exists()


def test_retrain_names_a_corrupt_manifest(
    matrix_path: Path, factor_dir: Path, tmp_path: Path, capsys
) -> None:
    models = _seeded(tmp_path / "registry", factor_dir)
    manifest = models / FACTOR / "manifest.json"
    manifest.write_text(manifest.read_text()[:-40])
    code = cli.main(_retrain(matrix_path, "--models", str(models)))
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{FACTOR}/manifest.json in {models} is not valid JSON" in err
