"""Linear time on hostile input: long runs of digits, ':', '.', '@', '-', '/' and mixtures (1 MB each).

The time must grow linearly with the input: a quadratic rule, such as the IPv6 rule that took 12.7 s on
16,000 colons, grows 16-fold when the input grows 4-fold. The throughput itself (issue 8 asks for 5 MB/s)
is measured by benchmarks/bench_check.py, not by a timed test: on this shared machine the runs of one
punctuation character reach it and digit-heavy runs do not yet (about 1-2 MB/s).
"""

from __future__ import annotations

import time

import pytest

from scaffolder.check.scan import scan_text

MB = 1 << 20
UNITS = {"digits": "7", "colons": ":", "dots": ".", "at": "@", "dashes": "-", "slashes": "/", "mixed": "1:2.3@4-5/",
         "hex-colons": "a1:", "dotted-digits": "1."}


def _seconds(text: str) -> float:
    started = time.perf_counter()
    scan_text(text, suffix=".txt")
    return time.perf_counter() - started


@pytest.mark.parametrize("name", sorted(UNITS))
def test_time_grows_linearly(name: str) -> None:
    unit = UNITS[name]
    small = _seconds(unit * (MB // 4 // len(unit)))
    large = _seconds(unit * (MB // len(unit)))
    assert large <= 8 * max(small, 0.01), f"{name}: {small:.3f}s for 256 KB, {large:.3f}s for 1 MB"
