"""Linear time on hostile input: long runs of digits, ':', '.', '@', '-', '/' and mixtures (1 MB each).

The time must grow linearly with the input: a quadratic rule, such as the IPv6 rule that took 12.7 s on
16,000 colons, grows 16-fold when the input grows 4-fold. The throughput floor the issue states (5 MB/s)
is asserted in test_check_fuzz_speed.py.
"""

from __future__ import annotations

import pytest

MB = 1 << 20
UNITS = {"digits": "7", "colons": ":", "dots": ".", "at": "@", "dashes": "-", "slashes": "/", "mixed": "1:2.3@4-5/",
         "hex-colons": "a1:", "dotted-digits": "1."}


@pytest.mark.parametrize("name", sorted(UNITS))
def test_time_grows_linearly(name: str, scan_seconds) -> None:
    unit = UNITS[name]
    small = scan_seconds(unit * (MB // 4 // len(unit)))
    large = scan_seconds(unit * (MB // len(unit)))
    # Quadratic growth is 16-fold; 8-fold allows for noise. Below 0.05 s the timer's resolution and
    # start-up costs dominate, so a fast small run is compared as 0.05 s (a 1 MB run under 0.4 s passes).
    assert large <= 8 * max(small, 0.05), f"{name}: {small:.3f}s for 256 KB, {large:.3f}s for 1 MB"
