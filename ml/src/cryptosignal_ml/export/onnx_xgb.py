"""Writes a fitted XGBoost binary:logistic model as an ONNX graph: TreeEnsembleRegressor (ai.onnx.ml
opset 3) summing the trees' leaf values onto the base margin, then Sigmoid, reshaped to (batch,).

Read straight from the booster's JSON dump (XGBoost's documented model schema): for node i,
left_children[i] == -1 marks a leaf whose value is split_conditions[i]; otherwise the row goes left when
x[split_indices[i]] < split_conditions[i] (BRANCH_LT) and, when the value is missing (NaN), left iff
default_left[i] (nodes_missing_value_tracks_true). base_score is a probability; the graph adds its logit.
Trees are scale-invariant, so this graph has no input normalisation: it takes the raw factor values, with
NaN for an unavailable factor exactly as XGBoost does.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import onnx
import xgboost as xgb
from onnx import TensorProto, helper

from cryptosignal_ml.export.onnx_torch import OPSET
from cryptosignal_ml.export.parity import check_parity, run_onnx

ML_OPSET = 3


def _base_margin(learner: dict) -> float:
    text = str(learner["learner_model_param"]["base_score"]).strip("[]")
    p = float(text.split(",")[0])
    if learner["objective"]["name"] != "binary:logistic":
        raise ValueError(f"only binary:logistic is exported, got {learner['objective']['name']}")
    return math.log(p / (1.0 - p))


def _tree_attributes(trees: list[dict]) -> dict[str, list]:
    a: dict[str, list] = {
        k: [] for k in ("tid", "nid", "fid", "mode", "val", "yes", "no", "miss", "ltid", "lnid", "lw")
    }
    for tid, tree in enumerate(trees):
        left, right = tree["left_children"], tree["right_children"]
        for nid, (lc, rc) in enumerate(zip(left, right, strict=True)):
            leaf = lc == -1
            a["tid"].append(tid)
            a["nid"].append(nid)
            a["fid"].append(0 if leaf else int(tree["split_indices"][nid]))
            a["mode"].append("LEAF" if leaf else "BRANCH_LT")
            a["val"].append(0.0 if leaf else float(tree["split_conditions"][nid]))
            a["yes"].append(0 if leaf else int(lc))
            a["no"].append(0 if leaf else int(rc))
            a["miss"].append(0 if leaf else int(tree["default_left"][nid]))
            if leaf:
                a["ltid"].append(tid)
                a["lnid"].append(nid)
                a["lw"].append(float(tree["split_conditions"][nid]))
    return a


def xgboost_to_onnx(model: xgb.XGBClassifier, n_features: int, input_name: str = "x") -> onnx.ModelProto:
    """Returns the ONNX model (input `input_name` (batch, n_features) float32, output `probability`
    (batch,) float32) of a fitted binary:logistic classifier."""
    learner = json.loads(model.get_booster().save_raw("json"))["learner"]
    trees = learner["gradient_booster"]["model"]["trees"]
    a = _tree_attributes(trees)
    ensemble = helper.make_node(
        "TreeEnsembleRegressor",
        [input_name],
        ["margin"],
        domain="ai.onnx.ml",
        n_targets=1,
        aggregate_function="SUM",
        post_transform="NONE",
        base_values=[_base_margin(learner)],
        nodes_treeids=a["tid"],
        nodes_nodeids=a["nid"],
        nodes_featureids=a["fid"],
        nodes_modes=a["mode"],
        nodes_values=a["val"],
        nodes_truenodeids=a["yes"],
        nodes_falsenodeids=a["no"],
        nodes_missing_value_tracks_true=a["miss"],
        target_treeids=a["ltid"],
        target_nodeids=a["lnid"],
        target_ids=[0] * len(a["lw"]),
        target_weights=a["lw"],
    )
    graph = helper.make_graph(
        [
            ensemble,
            helper.make_node("Sigmoid", ["margin"], ["p2d"]),
            helper.make_node("Reshape", ["p2d", "flat"], ["probability"]),
        ],
        "factor_weights",
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["batch", n_features])],
        [helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["batch"])],
        initializer=[helper.make_tensor("flat", TensorProto.INT64, [1], [-1])],
    )
    onnx_model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("ai.onnx.ml", ML_OPSET)]
    )
    onnx_model.ir_version = 8
    onnx.checker.check_model(onnx_model)
    return onnx_model


def export_xgboost(model: xgb.XGBClassifier, example: np.ndarray, path: Path) -> float:
    """Writes the model to `path` and checks onnxruntime against XGBoost's predict_proba on `example`
    (b, f) float32. Returns the largest absolute difference; raises ParityError beyond 1e-5."""
    onnx.save(xgboost_to_onnx(model, example.shape[1]), str(path))
    native = {"probability": model.predict_proba(example.astype(np.float32))[:, 1].astype(np.float32)}
    return check_parity(run_onnx(path, example), native)
