"""`cryptosignal-ml`: inspect a feature matrix export (more commands arrive with the models)."""

from __future__ import annotations

import argparse
import json
import sys

from cryptosignal_ml.datasets import MatrixError, read_feature_matrix


def main(argv: list[str] | None = None) -> int:
    """Entry point. Returns the process exit code (0 ok, 2 bad input)."""
    parser = argparse.ArgumentParser(prog="cryptosignal-ml")
    sub = parser.add_subparsers(dest="command", required=True)
    info = sub.add_parser("info", help="summarise a feature matrix (rows, symbols, time range, columns)")
    info.add_argument("matrix", help="Arrow IPC (.arrow) or Parquet file from `cryptosignal features export`")
    args = parser.parse_args(argv)
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
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
