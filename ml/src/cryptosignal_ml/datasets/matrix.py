"""Reads the feature/label matrix written by `cryptosignal features export` (Arrow IPC or Parquet).

Contract (one row per symbol-hour): key columns `symbol` (string) and `open_time` (int64 UTC ms, or an
Arrow timestamp), feature columns (float, null where the feature was unavailable for that bar), and label
columns named `label_*`. Python never recomputes a feature: it only reads this file. The schema metadata key
`cryptosignal.feature_spec_version` (the export's layout version) is kept as `spec_version` and written into
every model card, so serving can refuse a model trained on another layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

SPEC_VERSION_KEY = b"cryptosignal.feature_spec_version"


class MatrixError(ValueError):
    """Raised when the matrix file is missing, unreadable, or does not follow the export contract."""


@dataclass(frozen=True)
class FeatureMatrix:
    """The matrix as numpy arrays.

    symbols: shape (n,), str. open_time_ms: shape (n,), int64 UTC ms. features: shape (n, f), float64 with
    NaN where unavailable. labels: shape (n, l), float64. feature_names / label_names give column order.
    """

    symbols: np.ndarray
    open_time_ms: np.ndarray
    features: np.ndarray
    feature_names: list[str]
    labels: np.ndarray
    label_names: list[str]
    spec_version: str | None = None

    def select(self, feature_names: list[str]) -> np.ndarray:
        """Returns the (n, len(feature_names)) feature block in the given order; raises MatrixError on a name
        the matrix lacks."""
        missing = [n for n in feature_names if n not in self.feature_names]
        if missing:
            raise MatrixError(f"features not in matrix: {missing}")
        cols = [self.feature_names.index(n) for n in feature_names]
        return self.features[:, cols]

    def feature(self, name: str) -> np.ndarray:
        """Returns the (n,) column of feature `name`; raises MatrixError when absent."""
        return self.select([name])[:, 0]

    def label(self, name: str) -> np.ndarray:
        """Returns the (n,) column of label `name`; raises MatrixError when absent."""
        if name not in self.label_names:
            raise MatrixError(f"label not in matrix: {name} (has {self.label_names})")
        return self.labels[:, self.label_names.index(name)]


def _read_table(path: Path) -> pa.Table:
    if not path.exists():
        raise MatrixError(f"{path}: no such file")
    try:
        if path.suffix == ".parquet":
            return pq.read_table(path)
        with pa.memory_map(str(path)) as source:
            return ipc.open_file(source).read_all()
    except (pa.ArrowInvalid, OSError) as err:
        raise MatrixError(f"{path}: not an Arrow IPC or Parquet file ({err})") from err


def _time_ms(column: pa.ChunkedArray, path: Path) -> np.ndarray:
    if pa.types.is_timestamp(column.type):
        return column.cast(pa.timestamp("ms", tz="UTC")).cast(pa.int64()).to_numpy()
    if pa.types.is_integer(column.type):
        return column.to_numpy().astype(np.int64)
    raise MatrixError(f"{path}: open_time must be int64 ms or a timestamp, got {column.type}")


def read_feature_matrix(path: str | Path) -> FeatureMatrix:
    """Reads and checks the matrix at `path`.

    Raises MatrixError naming the file and the problem when a key column is missing, a key is null, a
    (symbol, open_time) pair repeats, there are no label columns, or a column is not numeric.
    """
    path = Path(path)
    table = _read_table(path)
    names = table.column_names
    for key in ("symbol", "open_time"):
        if key not in names:
            raise MatrixError(f"{path}: missing key column '{key}'")
        if table.column(key).null_count:
            raise MatrixError(f"{path}: key column '{key}' has {table.column(key).null_count} nulls")
    label_names = [n for n in names if n.startswith("label_")]
    feature_names = [n for n in names if n not in ("symbol", "open_time") and not n.startswith("label_")]
    if not label_names:
        raise MatrixError(f"{path}: no label_* columns")
    symbols = np.asarray(table.column("symbol").to_pylist(), dtype=object)
    times = _time_ms(table.column("open_time"), path)
    keys = np.char.add(symbols.astype(str), times.astype(str))
    if np.unique(keys).size != keys.size:
        raise MatrixError(f"{path}: duplicate (symbol, open_time) rows")

    def block(cols: list[str]) -> np.ndarray:
        out = np.empty((table.num_rows, len(cols)), dtype=np.float64)
        for j, name in enumerate(cols):
            col = table.column(name)
            if not (pa.types.is_floating(col.type) or pa.types.is_integer(col.type)):
                raise MatrixError(f"{path}: column '{name}' is {col.type}, expected a number")
            out[:, j] = col.cast(pa.float64()).to_numpy(zero_copy_only=False)
        return out

    meta = table.schema.metadata or {}
    spec = meta.get(SPEC_VERSION_KEY)
    return FeatureMatrix(
        symbols,
        times,
        block(feature_names),
        feature_names,
        block(label_names),
        label_names,
        None if spec is None else spec.decode(),
    )
