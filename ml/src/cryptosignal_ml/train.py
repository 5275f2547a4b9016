"""`python -m cryptosignal_ml.train` (what `make train` runs): trains the three models on a feature matrix,
exports them with cards and parity fixtures under --out, and prints every metric beside its baselines.

Seeded and single-threaded on CPU, so two runs on the same matrix write byte-identical model files.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from cryptosignal_ml.configs import PROFILES, Profile, without_progress
from cryptosignal_ml.datasets import FeatureMatrix, MatrixError, read_feature_matrix
from cryptosignal_ml.export.manifest import sha256_file
from cryptosignal_ml.pipelines import train_factor_model, train_price_model, train_regime_model
from cryptosignal_ml.pipelines.common import iso
from cryptosignal_ml.publish import publish_factor, publish_price, publish_regime
from cryptosignal_ml.report import format_factor, format_price, format_regime
from cryptosignal_ml.training import resolve_device, seed_everything

MODELS = ("price", "factor", "regime")


def data_info(path: Path, m: FeatureMatrix) -> dict[str, object]:
    """Returns what the card records about the training data: file name, sha256, rows, symbols, range."""
    return {
        "matrix": path.name,
        "feature_spec_version": m.spec_version,
        "matrix_sha256": sha256_file(path),
        "rows": int(m.features.shape[0]),
        "symbols": sorted(set(m.symbols.tolist())),
        "from": iso(int(m.open_time_ms.min())),
        "to": iso(int(m.open_time_ms.max())),
    }


def train_all(
    matrix: Path,
    out: Path,
    profile: Profile,
    device_name: str = "cpu",
    only: tuple[str, ...] = MODELS,
    seed: int = 0,
) -> dict[str, dict]:
    """Trains, exports and reports the selected models; returns their cards by model key."""
    m = read_feature_matrix(matrix)
    data = data_info(matrix, m)
    device = resolve_device(device_name)
    cards: dict[str, dict] = {}
    if "factor" in only:
        seed_everything(seed)
        started = time.monotonic()
        cards["factor"] = publish_factor(
            train_factor_model(m, profile.factor, profile.split), out, data, profile
        )
        print(format_factor(cards["factor"], time.monotonic() - started), flush=True)
    if "regime" in only:
        seed_everything(seed)
        started = time.monotonic()
        r = train_regime_model(m, profile.regime, profile.split, device, seed)
        cards["regime"] = publish_regime(r, out, data, profile)
        print(format_regime(cards["regime"], time.monotonic() - started), flush=True)
    if "price" in only:
        seed_everything(seed)
        started = time.monotonic()
        p = train_price_model(m, profile.price, profile.split, device, seed)
        cards["price"] = publish_price(p, out, data, profile)
        print(format_price(cards["price"], time.monotonic() - started), flush=True)
    return cards


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Returns the argument parser of the train command (shared with `cryptosignal-ml train`)."""
    p = parser or argparse.ArgumentParser(prog="python -m cryptosignal_ml.train", description=__doc__)
    p.add_argument(
        "--matrix", default="out/features.arrow", help="feature matrix from `cryptosignal features export`"
    )
    p.add_argument(
        "--out",
        default="models",
        help="directory that receives <model>/model.onnx, manifest.json, parity.json",
    )
    p.add_argument("--profile", default="shipped", choices=sorted(PROFILES), help="model sizes (configs.py)")
    p.add_argument(
        "--device", default="cpu", choices=["cpu", "cuda", "auto"], help="torch device for the neural models"
    )
    p.add_argument("--only", default=",".join(MODELS), help="comma-separated subset of price,factor,regime")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    return p


def run(args: argparse.Namespace) -> int:
    """Runs the parsed train command; returns the exit code (0 ok, 2 bad input)."""
    only = tuple(s.strip() for s in args.only.split(",") if s.strip())
    unknown = [s for s in only if s not in MODELS]
    if unknown:
        print(f"error: unknown model(s) {unknown}; choose from {MODELS}", file=sys.stderr)
        return 2
    profile = PROFILES[args.profile]
    if args.no_progress:
        profile = without_progress(profile)
    started = time.monotonic()
    try:
        train_all(Path(args.matrix), Path(args.out), profile, args.device, only, args.seed)
    except (MatrixError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"trained {', '.join(only)} ({args.profile}) in {time.monotonic() - started:.0f} s -> {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m cryptosignal_ml.train`."""
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
