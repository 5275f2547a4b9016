"""Plain-text tables of each model's test metrics beside its baselines (what `make train` prints)."""

from __future__ import annotations


def _fmt(v: object, pct: bool = False) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v * 100:.1f}%" if pct else f"{v:.5f}"
    return str(v)


def _table(title: str, cols: list[tuple[str, bool]], rows: dict[str, dict]) -> str:
    head = f"{'':32s}" + "".join(f"{c:>24s}" for c, _ in cols)
    lines = [title, head]
    for name, metrics in rows.items():
        lines.append(f"{name:32s}" + "".join(f"{_fmt(metrics.get(c), pct):>24s}" for c, pct in cols))
    return "\n".join(lines)


def format_price(card: dict, seconds: float) -> str:
    """Returns the PriceTransformer's test table (MAE, RMSE, 4h direction, NLL, coverage)."""
    m = card["metrics"]
    cols = [
        ("mae", False),
        ("rmse", False),
        ("direction_accuracy_4h", True),
        ("nll", False),
        ("coverage_1sigma", True),
        ("coverage_2sigma", True),
    ]
    rows = {"price-transformer": m["model"]} | m["baselines"]
    w = card["windows"]["test"]
    return _table(
        f"\n== {card['version']}, test {w[0]} .. {w[1]}, n={m['model']['n']} windows, {seconds:.0f} s",
        cols,
        rows,
    )


def format_factor(card: dict, seconds: float) -> str:
    """Returns the XGBoost model's test table, its walk-forward folds and the derived factor weights."""
    m = card["metrics"]
    cols = [("auc", False), ("log_loss", False), ("brier", False), ("base_rate", True)]
    rows = {"xgboost": m["model"]} | m["baselines"]
    w = card["windows"]["test"]
    out = [
        _table(
            f"\n== {card['version']}, test {w[0]} .. {w[1]}, {m['n_trees']} trees, {seconds:.0f} s",
            cols,
            rows,
        )
    ]
    for fold in m["walk_forward"]:
        folds = {f"xgboost {fold['test'][0][:10]}": fold["model"]} | {
            f"{k} {fold['test'][0][:10]}": v for k, v in fold.items() if k not in ("model", "test")
        }
        out.append(_table("walk-forward fold", cols, folds))
    weights = ", ".join(f"{k}={v:.3f}" for k, v in card["factor_weights"].items())
    out.append(f"factor weights (gain, normalised): {weights}")
    return "\n".join(out)


def format_regime(card: dict, seconds: float) -> str:
    """Returns the regime LSTM's test table and its confusion matrix."""
    m = card["metrics"]
    cols = [("accuracy", True), ("balanced_accuracy", True)]
    rows = {"regime-lstm": m["model"]} | m["baselines"]
    w = card["windows"]["test"]
    shares = ", ".join(f"{c}={s:.2f}" for c, s in zip(m["classes"], m["test_class_shares"], strict=True))
    cm = "\n".join(
        f"  {c:10s} {row}" for c, row in zip(m["classes"], m["model"]["confusion_matrix"], strict=True)
    )
    return "\n".join(
        [
            _table(
                f"\n== {card['version']}, test {w[0]} .. {w[1]}, n={m['model']['n']}, {seconds:.0f} s",
                cols,
                rows,
            ),
            f"test class shares: {shares}",
            f"confusion matrix (rows true, columns predicted {m['classes']}):",
            cm,
        ]
    )
