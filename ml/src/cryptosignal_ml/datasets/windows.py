"""Fixed-length model windows (e.g. 168x32 for the Transformer, 48x16 for the LSTM) per symbol.

A window never spans a gap: its bars must be consecutive hours of one symbol. Windows that contain a NaN
(an unavailable feature) are left out and counted, never filled with zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HOUR_MS = 3_600_000


@dataclass(frozen=True)
class Windows:
    """windows: (n, length, f) float32; row_idx: (n,) index of each window's LAST row in the matrix (the
    bar at which a prediction is made); skipped_gap / skipped_nan: windows left out and why."""

    windows: np.ndarray
    row_idx: np.ndarray
    skipped_gap: int
    skipped_nan: int


def build_windows(
    symbols: np.ndarray, open_time_ms: np.ndarray, features: np.ndarray, length: int, step_ms: int = HOUR_MS
) -> Windows:
    """Returns every window of `length` consecutive bars (spacing `step_ms`) for each symbol.

    symbols: (n,), open_time_ms: (n,) int64, features: (n, f). Raises ValueError when length < 1 or the
    shapes disagree.
    """
    if length < 1:
        raise ValueError("length must be >= 1")
    n = features.shape[0]
    if symbols.shape[0] != n or open_time_ms.shape[0] != n:
        raise ValueError("symbols, open_time_ms and features must have the same number of rows")
    out: list[np.ndarray] = []
    idx: list[int] = []
    skipped_gap = skipped_nan = 0
    for sym in np.unique(symbols):
        rows = np.flatnonzero(symbols == sym)
        rows = rows[np.argsort(open_time_ms[rows], kind="stable")]
        t = open_time_ms[rows]
        run_start = 0
        for k in range(len(rows)):
            if k > 0 and t[k] - t[k - 1] != step_ms:
                run_start = k
            if k + 1 < length:
                continue
            if k - run_start + 1 < length:
                skipped_gap += 1
                continue
            block = features[rows[k - length + 1 : k + 1]]
            if np.isnan(block).any():
                skipped_nan += 1
                continue
            out.append(block.astype(np.float32))
            idx.append(int(rows[k]))
    f = features.shape[1]
    windows = np.stack(out) if out else np.empty((0, length, f), dtype=np.float32)
    return Windows(windows, np.asarray(idx, dtype=np.int64), skipped_gap, skipped_nan)
