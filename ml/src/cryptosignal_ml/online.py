"""OnlineLearner (plan 3.2): `cryptosignal-ml retrain` refits the factor-weights XGBoost on the most recent
months and replaces the current model only if the new one is better out of sample.

Windows: test = the last `test_days` of the matrix, but never earlier than the current model's training
end + embargo (so the current model is not scored on rows it learned from); train = the `train_months`
(x 30 days) before the test start less the embargo. Both models are scored on the same test rows: the
candidate with XGBoost, the current one through its model.onnx with onnxruntime (what serving runs).
Both must use the same feature spec version (the matrix's schema metadata), else the retrain is refused.
Promotion rule: candidate log loss < current log loss - min_improvement. On promotion the candidate is
exported like `make train` does (model.onnx, manifest.json with a `retrain` record, parity.json) into a
staging folder of the registry, renamed to `factor-weights/versions/<version>/`, and `CURRENT` is then
re-pointed by an atomic rename (publish.py, models/README.md): inference never sees half a model, and the
version in service is never overwritten. Otherwise nothing is written. The decision is returned (and
written as JSON by the CLI) either way; `current_dir` / `new_dir` are relative to the registry root.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
from xgboost import XGBClassifier

from cryptosignal_ml.configs import DAY_MS, HOUR_MS, SHIPPED, Profile
from cryptosignal_ml.datasets import FeatureMatrix, read_feature_matrix
from cryptosignal_ml.evaluation import binary_metrics
from cryptosignal_ml.export import sha256_file
from cryptosignal_ml.export.parity import run_onnx
from cryptosignal_ml.pipelines.common import iso
from cryptosignal_ml.pipelines.factor import LABEL_COLUMN, TrainedFactor, make_classifier, time_decay_weights
from cryptosignal_ml.pipelines.factor import factor_weights as weights_from_gain
from cryptosignal_ml.publish import (
    FACTOR,
    current_model_dir,
    promote_version,
    publish_factor,
    staging_dir,
)
from cryptosignal_ml.train import data_info


def _ms(text: str) -> int:
    """Returns epoch ms of an ISO-8601 UTC text such as 2025-08-13T23:00:00Z."""
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def _verified_card(current_dir: Path, models_dir: Path) -> tuple[dict, Path]:
    """Returns the current model's manifest and model file after checking the file's sha256 against the
    manifest's `sha256` (written by export/manifest.py), so only the model the manifest describes is scored.
    Raises ValueError naming the file (relative to `models_dir`) when the manifest is not a JSON object, has
    no `sha256`, names no plain file, or the model file is missing or does not match."""
    manifest = current_dir / "manifest.json"
    shown = manifest.relative_to(models_dir).as_posix()
    try:
        card = json.loads(manifest.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ValueError(f"{shown} in {models_dir} is not valid JSON ({err})") from None
    if not isinstance(card, dict) or not isinstance(card.get("sha256"), str):
        raise ValueError(f"{shown} in {models_dir} has no sha256 of its model file")
    name = card.get("model_file", "model.onnx")
    if not isinstance(name, str) or Path(name).name != name:
        raise ValueError(f"{shown} in {models_dir}: model_file is not a file name")
    model = current_dir / name
    shown_model = model.relative_to(models_dir).as_posix()
    if not model.is_file():
        raise ValueError(f"{shown_model} named by {shown} is missing in {models_dir}")
    actual = sha256_file(model)
    if actual != card["sha256"]:
        raise ValueError(
            f"sha256 of {shown_model} in {models_dir} is {actual}, {shown} says {card['sha256']}: "
            "the current model does not match its manifest"
        )
    return card, model


def retrain(
    matrix_path: Path,
    models_dir: Path,
    *,
    train_months: int = 3,
    test_days: int = 14,
    embargo_h: int = 24,
    min_improvement: float = 0.0,
    profile: Profile = SHIPPED,
) -> dict[str, object]:
    """Runs one retrain cycle (module doc); returns the decision record. Raises FileNotFoundError when the
    registry has no current factor-weights model, ValueError when the windows leave no rows, the matrix's
    feature spec differs, the current model's features are missing from the matrix, or the current model's
    manifest is unreadable or its model file does not match the manifest's sha256."""
    current_dir = current_model_dir(models_dir, FACTOR)
    manifest = current_dir / "manifest.json"
    if not manifest.is_file():
        raise FileNotFoundError(
            f"no current {FACTOR} model in {models_dir} (seed the registry: cryptosignal models seed)"
        )
    card, model_file = _verified_card(current_dir, models_dir)
    features = [f["name"] for f in card["features"]]
    m = read_feature_matrix(matrix_path)
    spec = card.get("data", {}).get("feature_spec_version")
    if spec != m.spec_version:
        raise ValueError(f"matrix feature spec {m.spec_version} differs from the current model's {spec}")
    gain = m.label(LABEL_COLUMN)
    keep = ~np.isnan(gain)
    x, t = m.select(features)[keep].astype(np.float32), m.open_time_ms[keep]
    y = (gain[keep] > profile.factor.gain_threshold).astype(np.int32)
    end = int(t.max()) + 1
    current_train_end = _ms(card["windows"]["train"][1])
    test_start = max(end - test_days * DAY_MS, current_train_end + embargo_h * HOUR_MS)
    train_end = test_start - embargo_h * HOUR_MS
    train_start = train_end - train_months * 30 * DAY_MS
    tr = np.flatnonzero((t >= train_start) & (t < train_end))
    te = np.flatnonzero(t >= test_start)
    if tr.size == 0 or te.size == 0 or np.unique(y[tr]).size < 2:
        raise ValueError(f"retrain windows leave {tr.size} training and {te.size} test rows (or one class)")
    n_trees = int(card["metrics"].get("n_trees") or profile.factor.n_estimators)
    clf = make_classifier(profile.factor, n_trees)
    clf.fit(x[tr], y[tr], sample_weight=time_decay_weights(t[tr]))
    cand = binary_metrics(y[te], clf.predict_proba(x[te])[:, 1])
    curr = binary_metrics(y[te], run_onnx(model_file, x[te])["probability"])
    promote = cand["log_loss"] < curr["log_loss"] - min_improvement
    decision: dict[str, object] = {
        "current_version": card["version"],
        "current_dir": current_dir.relative_to(models_dir).as_posix(),
        "train": [iso(train_start), iso(train_end)],
        "test": [iso(test_start), iso(end)],
        "candidate": cand,
        "current": curr,
        "rule": f"promote if candidate log_loss < current log_loss - {min_improvement}",
        "promoted": bool(promote),
    }
    if promote:
        decision["embargo_hours"] = embargo_h
        version, final = _publish(clf, m, matrix_path, models_dir, features, x[te], decision, profile, card)
        decision["new_version"] = version
        decision["new_dir"] = final.relative_to(models_dir).as_posix()
    return decision


def _publish(
    clf: XGBClassifier,
    m: FeatureMatrix,
    path: Path,
    out: Path,
    features: list[str],
    x_test: np.ndarray,
    decision: dict,
    profile: Profile,
    card: dict,
) -> tuple[str, Path]:
    """Exports the candidate into a staging folder, records the decision in its manifest and promotes it;
    returns its version and version folder."""
    gain = clf.get_booster().get_score(importance_type="gain")
    named = {f: float(gain.get(f"f{i}", gain.get(f, 0.0))) for i, f in enumerate(features)}
    sample = np.linspace(0, x_test.shape[0] - 1, min(512, x_test.shape[0])).astype(np.int64)
    trained = TrainedFactor(
        model=clf,
        features=features,
        test_inputs=x_test[sample],
        metrics={
            "model": decision["candidate"],
            "baselines": {"current_model": decision["current"]},
            "n_trees": int(clf.n_estimators),
        },
        windows={
            "train": decision["train"],
            "test": decision["test"],
            "embargo_hours": decision["embargo_hours"],
        },
        factor_weights=weights_from_gain(named),
        importance={"gain": named},
        label=card["label"],
    )
    staged = staging_dir(out, FACTOR)
    try:
        new_card = publish_factor(
            trained, out, data_info(path, m), replace(profile, name=f"{profile.name}-retrain"), staged
        )
        manifest = staged / "manifest.json"
        doc = json.loads(manifest.read_text())
        doc["retrain"] = {k: v for k, v in decision.items() if k not in ("new_version", "current_dir")} | {
            "previous_version": card["version"]
        }
        manifest.write_text(json.dumps(doc, indent=2) + "\n")
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    version = str(new_card["version"])
    return version, promote_version(out, FACTOR, staged, version)
