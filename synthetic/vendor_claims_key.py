"""The answer key to the vendors' claims: red flag, unsupported or plausible, and why (see :mod:`synthetic.vendors`)."""

from __future__ import annotations

from synthetic.table import Table
from synthetic.vendors import generate_key

SUMMARY = "Answer key to the vendor claims: planted label, why it matters, what to ask (rows = vendors)."


def generate(seed: int, rows: int) -> Table:
    """Answer key for the first ``rows`` vendors of :func:`synthetic.vendors.build`."""
    return generate_key(seed, rows)
