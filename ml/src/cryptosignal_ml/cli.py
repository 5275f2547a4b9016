"""`cryptosignal-ml`: inspect a feature matrix, train the models, run the weekly factor-weights retrain."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from cryptosignal_ml.datasets import MatrixError, read_feature_matrix


def _info(args: argparse.Namespace) -> int:
    try:
        m = read_feature_matrix(args.matrix)
    except MatrixError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    summary = {
        "rows": int(m.features.shape[0]),
        "symbols": sorted(set(m.symbols.tolist())),
        "from_ms": int(m.open_time_ms.min()),
        "to_ms": int(m.open_time_ms.max()),
        "features": m.feature_names,
        "labels": m.label_names,
        "feature_spec_version": m.spec_version,
    }
    print(json.dumps(summary))
    return 0


def _one_line(err: BaseException) -> str:
    return " ".join(f"{type(err).__name__}: {err}".split())


def _retrain(args: argparse.Namespace) -> int:
    """Runs `retrain`: 0 whether promoted or not (both are normal outcomes), 2 on bad input (matrix, registry,
    windows), 1 on any other failure; an error is one line on stderr. The decision is printed on stdout and,
    with --decision-out, written to that file (only on success)."""
    from cryptosignal_ml.online import retrain
    from cryptosignal_ml.training import seed_everything

    models = args.models or os.environ.get("MODELS_DIR") or "models"
    seed_everything(0)
    try:
        decision = retrain(
            Path(args.matrix),
            Path(models),
            train_months=args.train_months,
            test_days=args.test_days,
            embargo_h=args.embargo_h,
            min_improvement=args.min_improvement,
        )
        text = json.dumps(decision)
        if args.decision_out:
            Path(args.decision_out).write_text(text + "\n")
    except (MatrixError, ValueError, KeyError, FileNotFoundError) as err:
        print(f"error: retrain: {_one_line(err)}", file=sys.stderr)
        return 2
    except Exception as err:
        # The job's contract: any other failure is one line on stderr and exit 1, not a traceback.
        print(f"error: retrain failed: {_one_line(err)}", file=sys.stderr)
        return 1
    print(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point. Returns the process exit code (0 ok, 1 failure, 2 bad input)."""
    from cryptosignal_ml import train

    parser = argparse.ArgumentParser(prog="cryptosignal-ml")
    sub = parser.add_subparsers(dest="command", required=True)
    info = sub.add_parser("info", help="summarise a feature matrix (rows, symbols, time range, columns)")
    info.add_argument("matrix", help="Arrow IPC (.arrow) or Parquet file from `cryptosignal features export`")
    train.build_parser(sub.add_parser("train", help="train, export and report the three models"))
    re = sub.add_parser(
        "retrain", help="refit factor-weights on recent data; replace it only if better out of sample"
    )
    re.add_argument("--matrix", default="out/features.arrow")
    re.add_argument(
        "--models", default=None, help="registry holding factor-weights/ (default: MODELS_DIR, else models)"
    )
    re.add_argument("--decision-out", default=None, help="also write the decision JSON to this file")
    re.add_argument("--train-months", type=int, default=3)
    re.add_argument("--test-days", type=int, default=14)
    re.add_argument("--embargo-h", type=int, default=24)
    re.add_argument(
        "--min-improvement", type=float, default=0.0, help="log-loss margin the candidate must beat"
    )
    args = parser.parse_args(argv)
    if args.command == "info":
        return _info(args)
    if args.command == "train":
        return train.run(args)
    return _retrain(args)


if __name__ == "__main__":
    sys.exit(main())
