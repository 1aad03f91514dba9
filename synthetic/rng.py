"""Seeded random streams independent of global random state and of PYTHONHASHSEED."""

from __future__ import annotations

import hashlib
import random


def make_rng(seed: int, *stream: str) -> random.Random:
    """A private ``random.Random`` for ``(seed, stream...)``.

    Each named stream is independent, so adding a column drawn from a new stream does not shift
    the values of the others. The seed material goes through sha256 (not ``hash()``), so the result
    does not depend on PYTHONHASHSEED or on the process.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a whole number of 0 or more, got {seed!r}")
    material = "\x1f".join([str(seed), *stream]).encode("utf-8")
    return random.Random(int.from_bytes(hashlib.sha256(material).digest()[:16], "big"))


def weighted_index(rng: random.Random, weights: list[float]) -> int:
    """Index drawn with the given weights (stable across Python versions: uses only ``random()``)."""
    total = sum(weights)
    point = rng.random() * total
    running = 0.0
    for i, w in enumerate(weights):
        running += w
        if point < running:
            return i
    return len(weights) - 1


def pick(rng: random.Random, items: list | tuple) -> object:
    """One item, chosen uniformly (via ``random()``, stable across Python versions)."""
    return items[int(rng.random() * len(items))]


def bernoulli(rng: random.Random, p: float) -> bool:
    """True with probability ``p``."""
    return rng.random() < p
