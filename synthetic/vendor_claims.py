"""The fictional vendors' marketing claims, quoted as they state them (see :mod:`synthetic.vendors`)."""

from __future__ import annotations

from synthetic.table import Table
from synthetic.vendors import generate_claims

SUMMARY = "Five marketing claims per fictional AI vendor, some of them red flags (rows = vendors)."


def generate(seed: int, rows: int) -> Table:
    """Claims of the first ``rows`` vendors of :func:`synthetic.vendors.build`."""
    return generate_claims(seed, rows)
