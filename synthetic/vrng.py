"""Vectorised seeded streams whose output does not change with a numpy upgrade.

numpy promises a fixed bit stream only for a bit generator's raw output, not for
``Generator.random``/``choice``/``normal`` (those may change between releases). So every draw here
starts from ``PCG64.random_raw`` (uint64 words, the PCG64 algorithm itself) seeded through
``SeedSequence`` (documented as stable), and uniforms, weighted choices, exponentials and normals
are derived from those words in this module. Elementwise ``exp``/``log``/``cos`` come from numpy's
math routines, which can differ in the last bit between builds; ``tests/test_data_stream.py`` holds
a golden hash that fails if an upgrade changes a single byte, and ``pyproject.toml`` bounds numpy.

Each stream draws a fixed number of words per row, so a table generated in chunks is the same as
one generated at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_TWO_53 = 2.0**-53


class Stream:
    """One named, private stream for ``(seed, names...)``, as :func:`synthetic.rng.make_rng` but vectorised."""

    def __init__(self, seed: int, *names: str) -> None:
        import numpy as np

        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise ValueError(f"seed must be a whole number of 0 or more, got {seed!r}")
        material = "\x1f".join([str(seed), "v1", *names]).encode("utf-8")
        self._entropy = int.from_bytes(hashlib.sha256(material).digest()[:16], "big")
        self._bits = np.random.PCG64(np.random.SeedSequence(self._entropy))

    def uniform(self, n: int, per_row: int = 1) -> np.ndarray:
        """The next uniforms in [0, 1) with 53 random bits, shape ``(n,)`` or ``(n, per_row)``."""
        return self._to_uniform(self._bits.random_raw(n * per_row), n, per_row)

    def uniform_at(self, row: int, n: int, per_row: int = 1) -> np.ndarray:
        """The uniforms of rows ``row`` to ``row + n`` when every row takes ``per_row`` (independent of order).

        The stream is advanced to that point (PCG64 can jump), so chunks can be drawn in parallel.
        """
        import numpy as np

        bits = np.random.PCG64(np.random.SeedSequence(self._entropy))
        bits.advance(row * per_row)
        return self._to_uniform(bits.random_raw(n * per_row), n, per_row)

    @staticmethod
    def _to_uniform(raw: np.ndarray, n: int, per_row: int) -> np.ndarray:
        import numpy as np

        raw >>= np.uint64(11)
        values = np.empty(n * per_row, dtype=np.float64)
        np.multiply(raw.view(np.int64), _TWO_53, out=values)  # exact: 53-bit integers times a power of two
        return values if per_row == 1 else values.reshape(n, per_row)


def weighted(u: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """Index drawn with ``weights`` for each uniform ``u`` (the first index whose running total exceeds ``u * total``)."""
    import numpy as np

    cum = np.cumsum(np.asarray(weights, dtype="float64"))
    point = u * cum[-1]
    idx = np.zeros(len(u), dtype=np.int64)
    for edge in cum[:-1]:  # a handful of comparisons beats a binary search per value
        idx += point >= edge
    return idx


def weighted_rows(u: np.ndarray, groups: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Like :func:`weighted`, with each row's weights taken from ``table[groups[row]]`` (zero-padded rows).

    All groups share one sorted search: group ``g``'s running totals are scaled to ``g + [0, 1]``.
    """
    import numpy as np

    k = table.shape[1]
    cum = np.cumsum(table, axis=1)
    scaled = np.arange(len(table))[:, None] + cum / cum[:, -1:]
    point = groups + u  # zero-weight slots repeat the row's end, so the search never lands on them
    idx = np.searchsorted(scaled.ravel(), point, side="right") - groups * k
    width = (table > 0).sum(axis=1)
    return np.minimum(idx, width[groups] - 1).astype("int64")


def exponential(u: np.ndarray, mean: np.ndarray | float) -> np.ndarray:
    """Exponential draws with the given mean from uniforms (inverse transform)."""
    import numpy as np

    return -np.log1p(-u) * mean


def normal(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Standard normal draws from two uniforms (Box-Muller)."""
    import numpy as np

    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)
