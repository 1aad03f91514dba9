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
from collections.abc import Callable, Sequence
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

    def raw_at(self, row: int, n: int, per_row: int = 1) -> np.ndarray:
        """The raw words behind :meth:`uniform_at` (uint64), one contiguous row per draw: shape ``(n,)`` or ``(per_row, n)``."""
        import numpy as np

        bits = np.random.PCG64(np.random.SeedSequence(self._entropy))
        bits.advance(row * per_row)
        raw = bits.random_raw(n * per_row)
        return raw if per_row == 1 else raw.reshape(n, per_row).T.copy()

    @staticmethod
    def to_uniform(raw: np.ndarray) -> np.ndarray:
        """The uniforms of raw words (as :meth:`uniform`; ``raw`` is left unchanged)."""
        import numpy as np

        return (raw >> np.uint64(11)).astype(np.int64) * _TWO_53

    @staticmethod
    def _to_uniform(raw: np.ndarray, n: int, per_row: int) -> np.ndarray:
        import numpy as np

        raw >>= np.uint64(11)
        values = np.empty(n * per_row, dtype=np.float64)
        np.multiply(raw.view(np.int64), _TWO_53, out=values)  # exact: 53-bit integers times a power of two
        return values if per_row == 1 else values.reshape(n, per_row)


def scaled_floor(raw: np.ndarray, k: int) -> np.ndarray:
    """``min(floor(uniform * k), k - 1)`` of each raw word, as int64 (the uniform of :meth:`Stream.uniform`)."""
    import numpy as np

    m = (raw >> np.uint64(11)).view(np.int64) if raw.flags.c_contiguous else (raw >> np.uint64(11)).astype(np.int64)
    u = m * _TWO_53  # exact, as in Stream._to_uniform
    u *= k
    out = u.astype(np.int64)
    return np.minimum(out, k - 1, out=out)


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


# --- the same draws from the raw words, without floating point ---------------------------------
# Each function of a uniform below is a step function of the 53-bit integer ``m = raw >> 11`` behind
# it (``u = m * 2**-53``). :func:`thresholds` finds, by bisection over ``m`` with the very float
# operations of the function, the raw word at which each step is taken; counting the thresholds a
# word reaches then gives exactly the function's value, with integer comparisons only.

_STEPS = 53
_FANOUT = 1024  # points looked at per interval and round of the search in :func:`thresholds`


def thresholds(fn: Callable[[np.ndarray, np.ndarray], np.ndarray], top: int, groups: int = 1) -> np.ndarray:
    """Raw-word thresholds of a step function of a uniform: ``fn(u, g) == (raw >= t[g]).sum()`` for every word.

    ``fn(u, g)`` maps uniforms (and each one's group ``g``, for functions that differ by group) to whole
    numbers from 0 to ``top``, non-decreasing in ``u``, elementwise. Returns thresholds of shape
    ``(groups, top)`` (uint64); a step never taken gets ``2**64 - 1``, so callers clip the count to
    ``fn`` of the largest uniform (see :func:`count_reached`).
    """
    import numpy as np

    levels = np.tile(np.arange(1, top + 1, dtype=np.int64), groups)
    group = np.repeat(np.arange(groups, dtype=np.int64), top)
    # the first m with fn(m) >= level lies in (lo, hi]; hi == 2**53 stands for "never"
    lo = np.full(len(levels), -1, dtype=np.int64)
    hi = np.full(len(levels), 1 << _STEPS, dtype=np.int64)
    probes = np.arange(1, _FANOUT, dtype=np.int64)
    while (hi - lo > 1).any():  # look at _FANOUT - 1 evenly spread points of every interval at once
        span = hi - lo
        points = np.minimum(lo[:, None] + (span[:, None] * probes + _FANOUT - 1) // _FANOUT, hi[:, None])
        values = np.asarray(fn(points.ravel().astype(np.float64) * _TWO_53, np.repeat(group, len(probes))), dtype=np.int64)
        reached = values.reshape(points.shape) >= levels[:, None]
        first = np.where(reached.any(axis=1), reached.argmax(axis=1), len(probes))
        rows = np.arange(len(levels))
        new_hi = np.where(first < len(probes), points[rows, np.minimum(first, len(probes) - 1)], hi)
        new_lo = np.where(first > 0, points[rows, np.maximum(first - 1, 0)], lo)
        lo, hi = np.maximum(lo, np.minimum(new_lo, new_hi - 1)), new_hi
    out = hi.astype(np.uint64) << np.uint64(11)
    out[hi == 1 << _STEPS] = np.uint64(_NEVER)
    return out.reshape(groups, top)


_NEVER = 2**64 - 1


def count_reached(raw: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """How many of ``limits`` each raw word reaches (limits from :func:`thresholds`), as int64."""
    import numpy as np

    raw = np.ascontiguousarray(raw)
    out = np.zeros(raw.shape, dtype=np.uint8)  # at most 255 steps; counted with byte-wide adds
    reached = np.empty(raw.shape, dtype=bool)
    for limit in limits.tolist():
        if limit != _NEVER:  # a never-taken step is not reached, not even by 2**64 - 1
            np.greater_equal(raw, np.uint64(limit), out=reached)
            out += reached.view(np.uint8)
    return out.astype(np.int64)


def count_reached_rows(raw: np.ndarray, groups: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """As :func:`count_reached`, with each word's limits taken from ``limits[groups[row]]``."""
    import numpy as np

    raw = np.ascontiguousarray(raw)
    out = np.zeros(raw.shape, dtype=np.uint8)
    reached = np.empty(raw.shape, dtype=bool)
    for column in limits.T:
        np.greater_equal(raw, np.take(column, groups), out=reached)
        out += reached.view(np.uint8)
    result = out.astype(np.int64)
    reachable = (limits != np.uint64(_NEVER)).sum(axis=1)
    if (reachable < limits.shape[1]).any():
        np.minimum(result, np.take(reachable, groups), out=result)
    return result


def weighted_rows_limits(table: np.ndarray) -> np.ndarray:
    """Thresholds per group, shape ``(groups, k - 1)``: row ``g`` gives :func:`weighted_rows` for group ``g``."""
    return thresholds(lambda u, g: weighted_rows(u, g, table), table.shape[1] - 1, len(table))


def weighted_limits(weights: Sequence[float]) -> np.ndarray:
    """Thresholds such that ``count_reached(raw, limits)`` equals :func:`weighted` of the uniform."""
    return thresholds(lambda u, g: weighted(u, weights), len(weights) - 1)[0]


def below_limit(p: float) -> np.uint64:
    """The raw-word threshold of ``u < p``: ``(raw < below_limit(p)) == (uniform < p)`` (0 <= p < 1)."""
    import numpy as np

    if not 0 <= p < 1:
        raise ValueError(f"p must be from 0 up to (not including) 1, got {p}")
    return np.uint64(int(thresholds(lambda u, g: (u >= p).astype(np.int64), 1)[0, 0]))
