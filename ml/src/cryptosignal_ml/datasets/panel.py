"""Rows of the matrix ordered by (symbol, open_time), with the runs of consecutive hours each symbol has.

Everything that looks forward or backward in time (windows, forward returns, regime labels) walks this order,
so "the next bar" always means the next hour of the same symbol, never a bar across a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

HOUR_MS = 3_600_000


@dataclass(frozen=True)
class Panel:
    """order: (n,) matrix row index at each sorted position; run_start: (n,) sorted position where the run of
    consecutive bars holding that position begins; run_end: (n,) one past the run's last position."""

    order: np.ndarray
    run_start: np.ndarray
    run_end: np.ndarray

    @property
    def size(self) -> int:
        return int(self.order.size)


def build_panel(symbols: np.ndarray, open_time_ms: np.ndarray, step_ms: int = HOUR_MS) -> Panel:
    """Sorts rows by (symbol, open_time) and finds each run of bars `step_ms` apart.

    symbols: (n,) str; open_time_ms: (n,) int64 UTC ms. Raises ValueError when the shapes differ.
    """
    if symbols.shape[0] != open_time_ms.shape[0]:
        raise ValueError("symbols and open_time_ms must have the same length")
    n = symbols.shape[0]
    order = np.lexsort((open_time_ms, symbols.astype(str)))
    s, t = symbols[order], open_time_ms[order]
    breaks = np.ones(n, dtype=bool)
    if n > 1:
        breaks[1:] = (s[1:] != s[:-1]) | (np.diff(t) != step_ms)
    starts = np.flatnonzero(breaks)
    ends = np.append(starts[1:], n)
    lengths = ends - starts
    return Panel(order, np.repeat(starts, lengths), np.repeat(ends, lengths))


def forward_positions(panel: Panel, k: int) -> np.ndarray:
    """Returns, for each sorted position p, p + k when that bar is k hours later in the same run, else -1."""
    pos = np.arange(panel.size) + k
    return np.where(pos < panel.run_end, pos, -1)


def window_ends(panel: Panel, length: int) -> np.ndarray:
    """Returns the sorted positions p whose `length` bars [p - length + 1, p] are consecutive hours of one
    symbol (the window a model sees when predicting at bar p)."""
    if length < 1:
        raise ValueError("length must be >= 1")
    pos = np.arange(panel.size)
    return np.flatnonzero(pos - panel.run_start + 1 >= length)


def gather_windows(sorted_features: np.ndarray, ends: np.ndarray, length: int) -> np.ndarray:
    """Returns (len(ends), length, f) float32 windows of `sorted_features` (features in panel order) ending
    at each position of `ends` (from window_ends)."""
    offsets = np.arange(-length + 1, 1)
    return sorted_features[ends[:, None] + offsets[None, :]].astype(np.float32, copy=False)
