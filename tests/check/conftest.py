"""Shared fixtures of the check tests."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest


@pytest.fixture()
def scan_seconds() -> Callable[..., float]:
    """seconds(text, runs=3): CPU seconds of the fastest of ``runs`` scans of ``text`` (other work on the
    machine does not count against the check)."""
    from scaffolder.check.scan import scan_text

    def seconds(text: str, runs: int = 3) -> float:
        best = float("inf")
        for _ in range(runs):
            started = time.process_time()
            scan_text(text, suffix=".txt")
            best = min(best, time.process_time() - started)
        return best

    return seconds
