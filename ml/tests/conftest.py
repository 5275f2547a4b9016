"""Small synthetic feature matrices in the export's format (written with pyarrow), for fast tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from cryptosignal_ml.features import FACTORS, TRANSFORMER_CANDIDATES

H = 3_600_000
EXTRA_NAMES = [n for n in TRANSFORMER_CANDIDATES if n not in FACTORS]


def synthetic_table(
    hours: int = 24 * 30, symbols: tuple[str, ...] = ("BTCUSDT", "ETHUSDT"), seed: int = 1
) -> pa.Table:
    """Returns a matrix table: random-walk closes per symbol, factor/extra columns (O, F_v2 and the OI
    changes all null, B and funding_rate null on a third of the rows), and labels derived from the closes
    exactly as the export defines them."""
    rng = np.random.default_rng(seed)
    cols: dict[str, list] = {"symbol": [], "open_time": []}
    names = [*FACTORS, "price", "atr", "macd", *EXTRA_NAMES]
    for n in names:
        cols[n] = []
    for n in ("label_return_1h", "label_max_gain_4h", "label_max_drawdown_4h", "label_direction_4h"):
        cols[n] = []
    market = np.clip(np.cumsum(rng.normal(0, 8, hours)), -100, 100)
    for sym in symbols:
        lr = rng.normal(0, 0.01, hours)
        close = 100 * np.exp(np.cumsum(lr))
        high = close * np.exp(np.abs(rng.normal(0, 0.004, hours)))
        for i in range(hours):
            cols["symbol"].append(sym)
            cols["open_time"].append(1_700_000_000_000 - 1_700_000_000_000 % H + i * H)
            row = {n: float(rng.normal()) for n in names}
            row |= {
                "O": None,
                "F_v2": None,
                "oi_change_24h": None,
                "oi_change_6h": None,
                "market_regime": float(market[i]),
            }
            row["log_return"] = float(lr[i]) if i > 0 else None
            row["realised_volatility"] = float(np.std(lr[max(1, i - 23) : i + 1])) if i > 1 else None
            if i % 3 == 0:
                row["B"] = row["funding_rate"] = None
            for n in names:
                cols[n].append(row[n])
            fut = slice(i + 1, i + 5)
            ok = i + 4 < hours
            cols["label_return_1h"].append(float(close[i + 1] / close[i] - 1) if i + 1 < hours else None)
            cols["label_max_gain_4h"].append(float(high[fut].max() / close[i] - 1) if ok else None)
            cols["label_max_drawdown_4h"].append(float(close[fut].min() / close[i] - 1) if ok else None)
            cols["label_direction_4h"].append((1.0 if close[i + 4] > close[i] else -1.0) if ok else None)
    schema = [("symbol", pa.string()), ("open_time", pa.int64())] + [
        (n, pa.float64()) for n in cols if n not in ("symbol", "open_time")
    ]
    table = pa.table({n: pa.array(cols[n], t) for n, t in schema})
    return table.replace_schema_metadata({"cryptosignal.feature_spec_version": "test-spec-1"})


def write_arrow(path: Path, table: pa.Table) -> Path:
    """Writes `table` as an Arrow IPC file and returns the path."""
    with ipc.new_file(str(path), table.schema) as writer:
        writer.write_table(table)
    return path


@pytest.fixture(scope="session")
def matrix_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 30-day, 2-symbol synthetic matrix shared by the tests."""
    return write_arrow(tmp_path_factory.mktemp("matrix") / "features.arrow", synthetic_table())
