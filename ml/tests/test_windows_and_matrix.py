from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from cryptosignal_ml.datasets import MatrixError, build_windows, read_feature_matrix

H = 3_600_000


def test_windows_never_span_a_gap_or_a_nan() -> None:
    times = np.array([0, 1, 2, 3, 5, 6, 7], dtype=np.int64) * H  # hour 4 missing
    symbols = np.array(["BTCUSDT"] * 7, dtype=object)
    feats = np.arange(14, dtype=np.float64).reshape(7, 2)
    feats[6, 1] = np.nan
    w = build_windows(symbols, times, feats, length=3)
    # full windows: [0,1,2], [1,2,3], [5,6,7]; the last holds a NaN
    assert w.windows.shape == (2, 3, 2)
    assert w.row_idx.tolist() == [2, 3]
    assert w.skipped_gap == 2  # ending at hours 5 and 6
    assert w.skipped_nan == 1
    np.testing.assert_array_equal(w.windows[1], feats[1:4].astype(np.float32))


def _write(path: Path, table: pa.Table) -> None:
    with ipc.new_file(str(path), table.schema) as writer:
        writer.write_table(table)


def test_reads_the_export_contract(tmp_path: Path) -> None:
    table = pa.table(
        {
            "symbol": ["BTCUSDT", "BTCUSDT", "ETHUSDT"],
            "open_time": pa.array([0, H, 0], pa.int64()),
            "T": [1.0, None, -3.0],
            "label_ret_1h": [0.01, -0.02, 0.0],
        }
    )
    _write(tmp_path / "m.arrow", table)
    m = read_feature_matrix(tmp_path / "m.arrow")
    assert m.feature_names == ["T"] and m.label_names == ["label_ret_1h"]
    assert np.isnan(m.features[1, 0])
    assert m.open_time_ms.tolist() == [0, H, 0]


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    table = pa.table({"symbol": ["A", "A"], "open_time": pa.array([0, 0], pa.int64()), "label_y": [1.0, 0.0]})
    _write(tmp_path / "d.arrow", table)
    with pytest.raises(MatrixError, match="duplicate"):
        read_feature_matrix(tmp_path / "d.arrow")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(MatrixError, match="no such file"):
        read_feature_matrix(tmp_path / "absent.arrow")
